using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Failkit.Identity.Audit;
using Failkit.Identity.Data;
using Failkit.Tenancy.Audit;
using Microsoft.Extensions.Options;

namespace Failkit.Identity.Support;

/// <summary>An owner's time-bound consent for Failkit staff to look (<c>read</c> → auditor) or act (<c>operate</c> →
/// operator). A grant needs no clean-up: every check compares its expiry with the clock.</summary>
public sealed class SupportGrants(IdentityDatabase db, AuditLog audit, TimeProvider time, IOptions<IdentityOptions> options)
{
    public const string TokenPrefix = "fks_";
    public static readonly TimeSpan MaxLifetime = TimeSpan.FromDays(7);

    public static string? RoleFor(string scope) => scope switch
    {
        "read" => Roles.Auditor,
        "operate" => Roles.Operator,
        _ => null,
    };

    /// <summary>Why a grant request is refused, keyed by the field; null when it may be created.</summary>
    public static (string Field, string Message)? Refusal(string? scope, double? hours)
    {
        if (scope is null || RoleFor(scope) is null)
        {
            return ("scope", "read or operate.");
        }

        return hours is not { } h || double.IsNaN(h) || h <= 0 || TimeSpan.FromHours(h) > MaxLifetime ? ("hours", "More than 0 and at most 168 (7 days).") : null;
    }

    public async Task<SupportGrant> CreateAsync(string scope, TimeSpan lifetime, string actor, string? source, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var grant = new SupportGrant(Guid.CreateVersion7(), scope, actor, now, now + lifetime, null);
        await db.ExecuteAsync(
            "INSERT INTO identity.support_grants (id, scope, created_by, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)",
            ct, grant.Id, scope, actor, now, grant.ExpiresAt);
        await audit.WriteAsync(new AuditEntry(AuditKinds.GrantCreated, actor, grant.Id.ToString(), $"scope {scope}, until {grant.ExpiresAt:O}")
            { Source = source }.Change<SupportGrant>(null, grant), ct);
        return grant;
    }

    public Task<List<SupportGrant>> ListAsync(CancellationToken ct) =>
        db.QueryAsync($"SELECT {SupportGrant.Columns} FROM identity.support_grants ORDER BY created_at DESC", SupportGrant.Read, ct);

    public async Task<SupportGrant?> FindAsync(Guid id, CancellationToken ct) =>
        (await db.QueryAsync($"SELECT {SupportGrant.Columns} FROM identity.support_grants WHERE id = $1", SupportGrant.Read, ct, id)).SingleOrDefault();

    public async Task<bool> RevokeAsync(Guid id, string actor, string? source, CancellationToken ct)
    {
        var before = await FindAsync(id, ct);
        if (await db.ExecuteAsync("UPDATE identity.support_grants SET revoked_at = coalesce(revoked_at, $2) WHERE id = $1", ct, id, time.GetUtcNow()) == 0)
        {
            return false;
        }

        await audit.WriteAsync(new AuditEntry(AuditKinds.GrantRevoked, actor, id.ToString()) { Source = source }.Change(before, await FindAsync(id, ct)), ct);
        return true;
    }

    /// <summary>A short-lived session token for <paramref name="operator"/> under the newest active grant, or null
    /// when no grant is active. The token ends with the grant at the latest.</summary>
    public async Task<SupportSession?> StartSessionAsync(string @operator, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var grant = (await db.QueryAsync(
            $"SELECT {SupportGrant.Columns} FROM identity.support_grants WHERE revoked_at IS NULL AND expires_at > $1 ORDER BY created_at DESC LIMIT 1",
            SupportGrant.Read, ct, now)).SingleOrDefault();
        if (grant is null)
        {
            await audit.WriteAsync(AuditKinds.SupportSessionRefused, "support:" + @operator, null, "no active grant", ct);
            return null;
        }

        var token = TokenPrefix + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        var expires = Min(now + options.Value.SupportSessionLifetime, grant.ExpiresAt);
        await db.ExecuteAsync(
            "INSERT INTO identity.support_sessions (token_sha256, grant_id, operator, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)",
            ct, Hash(token), grant.Id, @operator, now, expires);
        await audit.WriteAsync(AuditKinds.SupportSessionStarted, Actors(@operator, grant.Id), grant.Id.ToString(), $"scope {grant.Scope}, until {expires:O}", ct);
        return new SupportSession(token, expires, grant.Scope, grant.Id, @operator);
    }

    /// <summary>The session behind a presented token, if it and its grant are both still valid now.</summary>
    public async Task<SupportSession?> ValidateAsync(string token, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        return (await db.QueryAsync("""
            SELECT s.expires_at, g.scope, g.id, s.operator
            FROM identity.support_sessions s JOIN identity.support_grants g ON g.id = s.grant_id
            WHERE s.token_sha256 = $1 AND s.expires_at > $2 AND g.expires_at > $2 AND g.revoked_at IS NULL
            """, r => new SupportSession(token, r.GetFieldValue<DateTimeOffset>(0), r.GetString(1), r.GetGuid(2), r.GetString(3)), ct, Hash(token), now)).SingleOrDefault();
    }

    private static string Actors(string @operator, Guid grant) => Users.Actors.Support(@operator, grant);

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    private static byte[] Hash(string token) => SHA256.HashData(Encoding.UTF8.GetBytes(token));
}

public sealed record SupportGrant(Guid Id, string Scope, string CreatedBy, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt, DateTimeOffset? RevokedAt)
{
    public const string Columns = "id, scope, created_by, created_at, expires_at, revoked_at";

    public static SupportGrant Read(Npgsql.NpgsqlDataReader r) =>
        new(r.GetGuid(0), r.GetString(1), r.GetString(2), r.GetFieldValue<DateTimeOffset>(3), r.GetFieldValue<DateTimeOffset>(4), r.IsDBNull(5) ? null : r.GetFieldValue<DateTimeOffset>(5));
}

public sealed record SupportSession(string AccessToken, DateTimeOffset ExpiresAt, string Scope, Guid GrantId, string Operator);
