using Failkit.Drills;
using Failkit.Protection;

namespace Failkit.Portal.GettingStarted;

/// <summary>Which first-run steps are done, read from the stores each time (no flags of its own to drift): a step is
/// done when the thing it asks for exists.</summary>
public sealed record FirstRunProgress(bool CloudAccount, bool Agent, bool ProtectionGroup, bool Drill)
{
    public int Done => (CloudAccount ? 1 : 0) + (Agent ? 1 : 0) + (ProtectionGroup ? 1 : 0) + (Drill ? 1 : 0);

    public const int Steps = 4;

    public bool Complete => Done == Steps;
}

public sealed class FirstRunQuery(CloudAccountStore accounts, RecoveryPointQueries points, ProtectionGroupStore groups, DrillStore drills)
{
    /// <summary>An agent counts as enrolled once a recovery point of it reached this plane: enrollment alone happens at
    /// the management plane, and a point is what the later steps need anyway.</summary>
    public async Task<FirstRunProgress> ReadAsync(CancellationToken ct) => new(
        (await accounts.ListAsync(ct)).Count > 0,
        (await points.ListAsync(null, null, 1, ct)).Count > 0,
        (await groups.ListAsync(ct)).Count > 0,
        (await drills.ListAsync(null, 1, ct)).Count > 0);
}
