using System.Text.Json.Nodes;
using Failkit.Drills;
using Failkit.Drills.Cloud;
using Failkit.Protection;

namespace Failkit.Portal.Bench;

/// <summary>The tenant the dashboard is measured on, written through the stores the API writes through: one Sim
/// account, <c>groups</c> groups of three VMs (each disk with a recovery point), and <c>drills</c> finished drills
/// spread over the groups, newest last.</summary>
public static class Seed
{
    public static async Task<IReadOnlyList<ProtectionGroup>> TenantAsync(BenchHost host, int groups, int drills)
    {
        var ct = CancellationToken.None;
        var account = await host.Get<CloudAccountStore>().CreateAsync(new CloudAccountInput("sim", CloudKind.Sim, "sim-1",
            new DrillNetwork("drill-net", "drill-subnet"), new Dictionary<string, string> { ["small"] = "sim.small" }, null,
            new JsonObject { ["seed"] = 7 }, null), ct);
        var created = new List<ProtectionGroup>();
        for (var g = 0; g < groups; g++)
        {
            var vms = Enumerable.Range(1, 3).Select(i => new ProtectedVm($"vm-{i}", i, "small", [new VmDisk($"g{g}-vm-{i}-os", 8L << 30)], [])).ToList();
            created.Add(await host.Get<ProtectionGroupStore>().CreateAsync(new ProtectionGroupInput($"group-{g:00}", account.Id, 30, 15, null, null, vms), null, ct));
            foreach (var disk in vms.SelectMany(v => v.Disks))
            {
                await host.Get<RecoveryPointStore>().RecordAsync(new RecoveryPointReport(disk.Name, $"p-{Guid.NewGuid():N}", DateTimeOffset.UtcNow.AddMinutes(-5),
                    1 << 20, 1 << 20, 1 << 20, 1, new string('a', 64), 12.5, "bench", DateTimeOffset.UtcNow), ct);
            }
        }

        var store = host.Get<DrillStore>();
        for (var d = 0; d < drills; d++)
        {
            var group = created[d % created.Count];
            var drill = Running(group, DateTimeOffset.UtcNow.AddHours(d - drills));
            await store.CreateAsync(drill, ct);
            await store.CompleteAsync(drill.Id, d % 7 == 0 ? DrillStatus.Failed : DrillStatus.Succeeded, new JsonObject(), ct);
        }

        return created;
    }

    /// <summary>A running drill of the group with its VMs pending, as the launcher writes one.</summary>
    public static Drill Running(ProtectionGroup group, DateTimeOffset requestedAt) => new(Guid.CreateVersion7(), group.Id, DrillStatus.Running, true,
        new DrillInitiator(DrillInitiator.User, "bench@example.test"), "drill-runbook", 1, null, false, 1800, 900, null, null, requestedAt,
        null, null, null, null, null,
        group.Vms.Select(v => new DrillVm(v.Name, v.Wave, VmStatus.Pending, null, null, null, [], new Waterfall(null, null, null, null, null), [], null)).ToList());
}
