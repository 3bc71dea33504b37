using Failkit.Identity.Data;
using Failkit.Tenancy.Audit;
using Microsoft.AspNetCore.Http;
using Npgsql;

namespace Failkit.Identity.Audit;

/// <summary>Writes audit events. Numbering and the predecessor's SHA-256 are filled in by the table's trigger, so
/// no writer can break the chain; the app role may only insert and read. The short overloads (logins, logouts,
/// support requests...) take "from where" from the current request, if there is one.</summary>
public sealed class AuditLog(IdentityDatabase db, TimeProvider time, IHttpContextAccessor requests) : IAuditTrail
{
    private const string InsertEntry = """
        INSERT INTO identity.audit_events (at, kind, actor, target, detail, source, before, after) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
        """;

    public Task WriteAsync(string kind, string actor, string? target = null, string? detail = null, CancellationToken ct = default) =>
        WriteAsync(Entry(kind, actor, target, detail), ct);

    /// <summary>Inside the caller's transaction, so the event commits with the change it records.</summary>
    public Task WriteAsync(NpgsqlConnection conn, string kind, string actor, string? target = null, string? detail = null, CancellationToken ct = default) =>
        WriteAsync(conn, Entry(kind, actor, target, detail), ct);

    public async Task WriteAsync(AuditEntry entry, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        await db.ExecuteAsync(InsertEntry, ct, time.GetUtcNow(), entry.Kind, entry.Actor, entry.Target, entry.Detail, entry.Source, entry.Before, entry.After);
    }

    public async Task WriteAsync(NpgsqlConnection conn, AuditEntry entry, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        await using var cmd = IdentityDatabase.Command(conn, InsertEntry, time.GetUtcNow(), entry.Kind, entry.Actor, entry.Target, entry.Detail,
            entry.Source, entry.Before, entry.After);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    private AuditEntry Entry(string kind, string actor, string? target, string? detail) =>
        new(kind, actor, target, detail) { Source = requests.HttpContext is { } http ? AuditSource.Of(http) : null };
}

/// <summary>The event kinds written today.</summary>
public static class AuditKinds
{
    public const string LoginSucceeded = "login.succeeded";
    public const string LoginFailed = "login.failed";
    public const string LockedOut = "login.locked-out";
    public const string Logout = "logout";
    public const string Bootstrap = "bootstrap.owner-created";
    public const string BootstrapFailed = "bootstrap.failed";
    public const string PasswordResetRequested = "password.reset-requested";
    public const string PasswordReset = "password.reset";
    public const string UserCreated = "user.created";
    public const string UserRoleChanged = "user.role-changed";
    public const string UserDisabled = "user.disabled";
    public const string UserEnabled = "user.enabled";
    public const string UserDeleted = "user.deleted";
    public const string ExternalUserCreated = "user.created-by-sso";
    public const string ClientCreated = "api-client.created";
    public const string ClientRevoked = "api-client.revoked";
    public const string GrantCreated = "support-grant.created";
    public const string GrantRevoked = "support-grant.revoked";
    public const string SupportSessionStarted = "support-session.started";
    public const string SupportSessionRefused = "support-session.refused";
    public const string SupportRequest = "support-session.request";
    public const string AuditExported = "audit.exported";
    public const string RunbookSaved = "runbook.saved";
    public const string RunbookPublished = "runbook.published";
    public const string RunbookRetracted = "runbook.retracted";
    public const string RunbookReverted = "runbook.reverted";
    public const string RunbookDeleted = "runbook.deleted";
}
