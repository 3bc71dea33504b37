using System.Text.Json.Nodes;
using Failkit.Drills;
using Failkit.Drills.Cloud;
using Failkit.Protection;

namespace Failkit.Testing.Plane;

public sealed partial class TenantPlaneHost
{
    /// <summary>A Sim account whose latencies are those of a real cloud scaled down 500 times (a 45 s boot takes 90 ms).</summary>
    public async Task<CloudAccountView> SimAccountAsync(JsonObject? settings = null)
    {
        var merged = new JsonObject { ["seed"] = 7, ["timeScale"] = 0.002 };
        foreach (var (key, value) in settings ?? [])
        {
            merged[key] = value?.DeepClone();
        }

        return await Get<CloudAccountStore>().CreateAsync(new CloudAccountInput($"sim-{Guid.NewGuid():N}", CloudKind.Sim, "sim-1",
            new DrillNetwork("drill-net", "drill-subnet"), new Dictionary<string, string> { ["small"] = "sim.small" }, null, merged, null), CancellationToken.None);
    }

    /// <summary>A group of <paramref name="vms"/> (name, wave) with one disk, an HTTP and a TCP probe each, and, when
    /// <paramref name="pointAge"/> is given, a recovery point per disk taken that long ago.</summary>
    public async Task<ProtectionGroup> GroupAsync(Guid accountId, IEnumerable<(string Name, int Wave)> vms, TimeSpan? pointAge = null, string? schedule = null,
        int rtoMinutes = 60, int rpoMinutes = 60)
    {
        var prefix = Guid.NewGuid().ToString("N")[..8];
        var list = vms.Select(v => new ProtectedVm(v.Name, v.Wave, "small", [new VmDisk($"{prefix}-{v.Name}-os", 8L << 30)],
            [new ProbeSpec("web", ProbeKind.Http, Url: "http://{address}/health"), new ProbeSpec("ssh", ProbeKind.Tcp, Port: 22)])).ToList();
        var group = await Get<ProtectionGroupStore>().CreateAsync(
            new ProtectionGroupInput($"group-{prefix}", accountId, rtoMinutes, rpoMinutes, null, schedule, list), null, CancellationToken.None);
        if (pointAge is { } age)
        {
            foreach (var disk in list.SelectMany(v => v.Disks))
            {
                await RecordPointAsync(disk.Name, DateTimeOffset.UtcNow - age);
            }
        }

        return group;
    }

    public Task RecordPointAsync(string disk, DateTimeOffset at) =>
        Get<RecoveryPointStore>().RecordAsync(new RecoveryPointReport(disk, $"p-{Guid.NewGuid():N}", at, 1 << 20, 1 << 20, 1 << 20, 1,
            new string('a', 64), 12.5, "seed", DateTimeOffset.UtcNow), CancellationToken.None);

    /// <summary>A drill that finished without running (status, one Green VM per name), for tests about what follows a
    /// drill rather than the runbook. Its report is made by whoever appends first.</summary>
    public async Task<Guid> FinishedDrillAsync(ProtectionGroup group, string status = DrillStatus.Succeeded)
    {
        ArgumentNullException.ThrowIfNull(group);
        var store = Get<DrillStore>();
        var now = DateTimeOffset.UtcNow;
        var id = Guid.CreateVersion7(now);
        await store.CreateAsync(new Drill(id, group.Id, DrillStatus.Running, true, new DrillInitiator(DrillInitiator.User, "auditor-test@example.com"),
            ProtectionGroupStore.DefaultRunbook, 1, null, false, 3600, 3600, null, null, now.AddSeconds(-30), null, null, null, null, null,
            [.. group.Vms.Select(v => new DrillVm(v.Name, v.Wave, VmStatus.Pending, null, null, null, [], new Waterfall(null, null, null, null, null), [], null))]),
            CancellationToken.None);
        foreach (var vm in group.Vms)
        {
            await store.UpdateVmAsync(id, vm.Name, new VmProgress(Status: VmStatus.Green, InstanceId: $"sim-{vm.Name}", RequestIds: [$"req-{vm.Name}"],
                RequestedAt: now.AddSeconds(-29), DiskReadyAt: now.AddSeconds(-25), InstanceRunningAt: now.AddSeconds(-20), BootSignalAt: now.AddSeconds(-15),
                ProbesGreenAt: now.AddSeconds(-10), Probes: [new ProbeResult("web", "Http", true, 1, "HTTP 200: healthy", now.AddSeconds(-10))]), CancellationToken.None);
        }

        await store.SetCleanupAsync(id, new JsonObject { ["deleted"] = new JsonArray(), ["leftovers"] = new JsonArray(), ["sweptAt"] = now }, CancellationToken.None);
        await store.CompleteAsync(id, status, new JsonObject { ["verdict"] = status }, CancellationToken.None);
        return id;
    }
}
