using System.Buffers.Text;
using System.Security.Cryptography;
using Failkit.Identity.Audit;
using Failkit.Identity.Data;
using Failkit.Tenancy.Audit;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Failkit.Identity.Clients;

/// <summary>API clients for client-credentials tokens. OpenIddict keeps the application (secret hashed by OpenIddict);
/// <c>identity.api_clients</c> keeps the role its tokens carry. Revoking deletes the OpenIddict application, which
/// deletes its reference tokens with it, so a token in flight stops working on its next request.</summary>
public sealed class ApiClientService(IOpenIddictApplicationManager applications, IdentityDatabase db, AuditLog audit, TimeProvider time)
{
    public static IReadOnlyList<string> AssignableRoles { get; } = [Roles.Admin, Roles.Operator, Roles.Auditor];

    /// <summary>Why a new client's (trimmed) name or role is refused, keyed by the field; null when both are fine.</summary>
    public static (string Field, string Message)? Refusal(string name, string role)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name.Length is 0 or > 100 || name.Any(char.IsControl))
        {
            return ("name", "1 to 100 printable characters.");
        }

        return AssignableRoles.Contains(role, StringComparer.Ordinal) ? null : ("role", "One of admin, operator, auditor.");
    }

    /// <param name="source">Where the request came from (<see cref="AuditSource"/>).</param>
    public async Task<NewApiClient> CreateAsync(string name, string role, string actor, string? source, CancellationToken ct)
    {
        var clientId = "fk-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));
        var secret = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        await applications.CreateAsync(new OpenIddictApplicationDescriptor
        {
            ClientId = clientId,
            ClientSecret = secret,
            ClientType = ClientTypes.Confidential,
            DisplayName = name,
            Permissions = { Permissions.Endpoints.Token, Permissions.GrantTypes.ClientCredentials },
        }, ct);
        await db.ExecuteAsync(
            "INSERT INTO identity.api_clients (client_id, name, role, created_by, created_at) VALUES ($1, $2, $3, $4, $5)",
            ct, clientId, name, role, actor, time.GetUtcNow());
        // The secret is returned once and never logged: the event's after-state is the client without it.
        await audit.WriteAsync(new AuditEntry(AuditKinds.ClientCreated, actor, clientId, $"{name}, role {role}") { Source = source }
            .Change<object>(null, new { clientId, name, role }), ct);
        return new NewApiClient(clientId, secret, name, role);
    }

    public Task<List<ApiClient>> ListAsync(CancellationToken ct) =>
        db.QueryAsync($"SELECT {ApiClient.Columns} FROM identity.api_clients ORDER BY created_at", ApiClient.Read, ct);

    public async Task<ApiClient?> FindAsync(string clientId, CancellationToken ct) =>
        (await db.QueryAsync($"SELECT {ApiClient.Columns} FROM identity.api_clients WHERE client_id = $1", ApiClient.Read, ct, clientId)).SingleOrDefault();

    /// <summary>False when the client does not exist (in this tenant).</summary>
    public async Task<bool> RevokeAsync(string clientId, string actor, string? source, CancellationToken ct)
    {
        var before = await FindAsync(clientId, ct);
        var revoked = await db.ExecuteAsync(
            "UPDATE identity.api_clients SET revoked_at = coalesce(revoked_at, $2) WHERE client_id = $1", ct, clientId, time.GetUtcNow());
        if (revoked == 0)
        {
            return false;
        }

        if (await applications.FindByClientIdAsync(clientId, ct) is { } application)
        {
            await applications.DeleteAsync(application, ct);
        }

        await audit.WriteAsync(new AuditEntry(AuditKinds.ClientRevoked, actor, clientId) { Source = source }.Change(before, await FindAsync(clientId, ct)), ct);
        return true;
    }
}

public sealed record NewApiClient(string ClientId, string ClientSecret, string Name, string Role);

public sealed record ApiClient(string ClientId, string Name, string Role, string CreatedBy, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt)
{
    public const string Columns = "client_id, name, role, created_by, created_at, revoked_at";

    public static ApiClient Read(Npgsql.NpgsqlDataReader r) =>
        new(r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetFieldValue<DateTimeOffset>(4), r.IsDBNull(5) ? null : r.GetFieldValue<DateTimeOffset>(5));
}
