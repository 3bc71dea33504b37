using System.Text.Json.Nodes;
using Failkit.Drills;
using Failkit.Drills.Cloud;
using Failkit.Protection;

namespace Failkit.Portal.Tests;

/// <summary>Seeds for the protection pages: disks as an agent reports them, and cloud accounts.</summary>
public sealed partial class PortalHost
{
    /// <summary>Records one recovery point per disk, as an enrolled agent would; the names carry a fresh prefix.</summary>
    public async Task<IReadOnlyList<string>> ReportedDisksAsync(params string[] names)
    {
        var prefix = Guid.NewGuid().ToString("N")[..8];
        var disks = names.Select(n => $"{prefix}-{n}").ToList();
        foreach (var disk in disks)
        {
            await Get<RecoveryPointStore>().RecordAsync(new RecoveryPointReport(disk, $"p-{Guid.NewGuid():N}", DateTimeOffset.UtcNow.AddMinutes(-3),
                8L << 30, 1 << 20, 1 << 20, 1, new string('b', 64), 9.5, "seed", DateTimeOffset.UtcNow), CancellationToken.None);
        }

        return disks;
    }

    public Task<CloudAccountView> SimAccountAsync(string name) =>
        Get<CloudAccountStore>().CreateAsync(new CloudAccountInput($"{name}-{Guid.NewGuid():N}"[..24], CloudKind.Sim, "sim-1",
            new DrillNetwork("drill-net", "drill-subnet"), new Dictionary<string, string> { ["small"] = "sim.small", ["large"] = "sim.large" }, null,
            new JsonObject { ["timeScale"] = 0.01 }, null), CancellationToken.None);
}
