using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Npgsql;

namespace Failkit.Tenancy.Audit;

/// <summary>The tenant's append-only audit log, as every module writes to it. The identity module owns the table
/// (<c>identity.audit_events</c>) and the implementation; numbering and chaining happen in the database.</summary>
public interface IAuditTrail
{
    Task WriteAsync(AuditEntry entry, CancellationToken ct = default);

    /// <summary>Inside the caller's transaction, so the event commits (or rolls back) with the change it records.</summary>
    Task WriteAsync(NpgsqlConnection conn, AuditEntry entry, CancellationToken ct = default);
}

/// <param name="Kind">What happened, <c>noun.verb</c> (<c>drill.started</c>, <c>report.downloaded</c>).</param>
/// <param name="Actor"><c>user:email</c>, <c>client:id</c>, <c>support:...</c> or <c>system:component</c>.</param>
/// <param name="Target">What it happened to (an id, a route).</param>
public sealed record AuditEntry(string Kind, string Actor, string? Target = null, string? Detail = null)
{
    /// <summary>Where the request came from: the client address the gateway saw (<see cref="AuditSource"/>).</summary>
    public string? Source { get; init; }

    /// <summary>The state before the change, as JSON text (null for creations and reads). Never a secret.</summary>
    public string? Before { get; init; }

    /// <summary>The state after the change, as JSON text (null for deletions and reads). Never a secret.</summary>
    public string? After { get; init; }

    /// <summary>The identity module's actor claim.</summary>
    public const string ActorClaim = "failkit:actor";

    /// <summary>Before and after are written with the API's own JSON conventions (camelCase), so an auditor reads the
    /// same field names the API returned.</summary>
    public static readonly JsonSerializerOptions SnapshotOptions = new(JsonSerializerDefaults.Web);

    public static string ActorOf(ClaimsPrincipal? user) =>
        user?.FindFirst(ActorClaim)?.Value ?? user?.Identity?.Name ?? "anonymous";

    /// <summary>An event for the request's caller, from the request's client address.</summary>
    public static AuditEntry For(HttpContext http, string kind, string? target = null, string? detail = null)
    {
        ArgumentNullException.ThrowIfNull(http);
        return new AuditEntry(kind, ActorOf(http.User), target, detail) { Source = AuditSource.Of(http) };
    }

    /// <summary>A state as before/after JSON text; null stays null. Callers pass views that hold no secret.</summary>
    public static string? Snapshot<T>(T? value) => value is null ? null : JsonSerializer.Serialize(value, SnapshotOptions);

    /// <summary>This entry with the state before and after the change.</summary>
    public AuditEntry Change<T>(T? before, T? after) => this with { Before = Snapshot(before), After = Snapshot(after) };
}
