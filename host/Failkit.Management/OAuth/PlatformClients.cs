using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Failkit.Management.OAuth;

/// <summary>A confidential client of the platform API and its secret, which exists in plain only here.</summary>
public sealed record PlatformClientSecret(string ClientId, string ClientSecret);

/// <summary>A platform client whose id and secret were checked: its display name and the roles its tokens carry.</summary>
public sealed record VerifiedPlatformClient(string ClientId, string DisplayName, IReadOnlyList<string> Roles);

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

    /// <summary>Checks a client's id and secret as the token endpoint does (OpenIddict compares the stored hash); null
    /// when either is wrong. The operator console signs a browser in with it.</summary>
    public async Task<VerifiedPlatformClient?> VerifyAsync(string clientId, string secret, CancellationToken ct = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var manager = scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>();
        if (string.IsNullOrEmpty(clientId) || string.IsNullOrEmpty(secret) || await manager.FindByClientIdAsync(clientId, ct) is not { } application
            || !await manager.ValidateClientSecretAsync(application, secret, ct))
        {
            return null;
        }

        var roles = TokenEndpoint.RolesOf(await manager.GetPropertiesAsync(application, ct)).ToList();
        return new VerifiedPlatformClient(clientId, await manager.GetDisplayNameAsync(application, ct) ?? clientId, roles);
    }
}
