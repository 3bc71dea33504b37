using Failkit.Evidence;
using Failkit.Workflows.Core;

namespace Failkit.Activities.Drills;

/// <summary>Applies the tenant's retention policy: reports older than it lose their PDF and manifest body, their
/// drills lose the raw probe outputs; numbers, hashes, signatures and chain links stay.</summary>
[Activity("Failkit", "Evidence", "Purge expired evidence: drop the PDF, manifest body and raw probe outputs of reports older than the retention policy; the chain stays verifiable.")]
public sealed class PurgeExpiredEvidence : CodeActivity<long>
{
    public override async ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        var purged = await context.GetRequiredService<EvidenceRetention>().PurgeAsync(context.Now, context.CancellationToken);
        context.Set(Result, purged.Count);
    }
}
