using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Failkit.Management.OAuth;

/// <summary>A confidential client of the platform API and its secret, which exists in plain only here.</summary>
public sealed record PlatformClientSecret(string ClientId, string ClientSecret);

/// <summary>Creates platform-API clients (confidential, client credentials only) with the roles their tokens carry.</summary>
public sealed class PlatformClients(IServiceScopeFactory scopes)
{
    /// <summary>The application property holding the client's roles (a JSON array of strings).</summary>
    public const string RolesProperty = "failkit_roles";

    /// <summary>Creates the client, or gives the existing one a fresh secret: OpenIddict keeps only a hash, so an
    /// existing secret cannot be shown again (embedded mode re-seeds its operator client on every start).</summary>
    public async Task<PlatformClientSecret> EnsureAsync(string clientId, string displayName, IReadOnlyList<string> roles, CancellationToken ct = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var manager = scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>();
        var secret = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        var descriptor = new OpenIddictApplicationDescriptor
        {
            ClientId = clientId,
            ClientSecret = secret,
            ClientType = ClientTypes.Confidential,
            DisplayName = displayName,
            Permissions = { Permissions.Endpoints.Token, Permissions.GrantTypes.ClientCredentials },
        };
        descriptor.Properties[RolesProperty] = JsonSerializer.SerializeToElement(roles);
        if (await manager.FindByClientIdAsync(clientId, ct) is { } existing)
        {
            await manager.UpdateAsync(existing, descriptor, ct);
        }
        else
        {
            await manager.CreateAsync(descriptor, ct);
        }

        return new PlatformClientSecret(clientId, secret);
    }
}
