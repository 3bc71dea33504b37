using Failkit.Drills;
using Failkit.Identity.Data;
using Failkit.Protection;

namespace Failkit.Portal.Tests;

/// <summary>One audit event as stored, for the tests that compare the portal's entries with the API's.</summary>
public sealed record AuditRow(string Actor, string? Source, string? Detail, string? Before, string? After);

public sealed partial class PortalHost
{
    /// <summary>Starts a drill through the launcher the API uses; it stays at its approval gate when asked to.</summary>
    public async Task<Guid> StartDrillAsync(ProtectionGroup group, bool requireApproval)
    {
        var started = await Get<DrillLauncher>().StartAsync(new StartDrillRequest(group.Id, RequireApproval: requireApproval),
            new DrillInitiator(DrillInitiator.User, "seed@example.test"), CancellationToken.None);
        return started.DrillId ?? throw new InvalidOperationException(string.Join("; ", started.Errors.SelectMany(e => e.Value)));
    }

    /// <summary>Waits until the drill's runbook is parked at its approval gate.</summary>
    public async Task<Drill> AtApprovalGateAsync(Guid id)
    {
        for (var until = DateTime.UtcNow.AddSeconds(60); DateTime.UtcNow < until; await Task.Delay(200))
        {
            if (await Get<DrillStore>().FindAsync(id, CancellationToken.None) is { } drill && await Get<DrillControl>().IsAwaitingApprovalAsync(drill, CancellationToken.None))
            {
                return drill;
            }
        }

        throw new TimeoutException($"Drill {id} did not reach its approval gate within 60 s.");
    }

    /// <summary>The audit events of one kind about one target, once there is one: the page writes its entry after the
    /// action, and the page's live poll can show the action's effect first.</summary>
    public async Task<IReadOnlyList<AuditRow>> AuditWrittenAsync(string kind, string target)
    {
        for (var deadline = DateTime.UtcNow.AddSeconds(30); ; await Task.Delay(100))
        {
            var rows = await AuditAsync(kind, target);
            if (rows.Count > 0 || DateTime.UtcNow > deadline)
            {
                return rows;
            }
        }
    }

    /// <summary>The audit events of one kind about one target, oldest first.</summary>
    public async Task<IReadOnlyList<AuditRow>> AuditAsync(string kind, string target)
    {
        await using var conn = await Get<IdentityDatabase>().OpenAsync(CancellationToken.None);
        await using var cmd = new Npgsql.NpgsqlCommand(
            "SELECT actor, source, detail, before, after FROM identity.audit_events WHERE kind = $1 AND target = $2 ORDER BY seq", conn);
        cmd.Parameters.AddWithValue(kind);
        cmd.Parameters.AddWithValue(target);
        var rows = new List<AuditRow>();
        await using var r = await cmd.ExecuteReaderAsync();
        while (await r.ReadAsync())
        {
            rows.Add(new AuditRow(r.GetString(0), r.IsDBNull(1) ? null : r.GetString(1), r.IsDBNull(2) ? null : r.GetString(2),
                r.IsDBNull(3) ? null : r.GetString(3), r.IsDBNull(4) ? null : r.GetString(4)));
        }

        return rows;
    }
}
