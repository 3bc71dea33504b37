using System.Globalization;
using Failkit.Drills.Cloud;

namespace Failkit.Activities.Sim;

public sealed partial class SimSession
{
    private static readonly string[] DeleteOrder = ["instance", "nic", "ip", "disk"];

    public async Task<TeardownReport> TeardownAsync(string drillTagValue, CancellationToken ct)
    {
        var (tagged, listId) = await calls.RunAsync(_ => Task.FromResult(Cloud.ListTagged(drillTagValue)), ct);
        List<string> requestIds = [listId];
        List<CloudResource> deleted = [];
        List<TeardownFailure> failures = [];
        foreach (var resource in tagged.OrderBy(r => Array.IndexOf(DeleteOrder, r.Type)))
        {
            var cloudResource = new CloudResource(resource.Type, resource.Id, resource.VmName);
            try
            {
                requestIds.Add(await calls.RunAsync(_ => Task.FromResult(Cloud.Delete(resource)), ct));
                deleted.Add(cloudResource);
            }
            catch (Exception ex) when (ex is CloudOperationException or CloudThrottledException)
            {
                if (ex is CloudOperationException { RequestId: { } id })
                {
                    requestIds.Add(id);
                }

                failures.Add(new TeardownFailure(cloudResource, ex.Message));
            }
        }

        return new TeardownReport(deleted, failures, requestIds);
    }

    public async Task<IReadOnlyList<CloudResource>> SweepAsync(string drillTagValue, CancellationToken ct)
    {
        var (tagged, _) = await calls.RunAsync(_ => Task.FromResult(Cloud.ListTagged(drillTagValue)), ct);
        return [.. tagged.Select(r => new CloudResource(r.Type, r.Id, r.VmName))];
    }

    private InstanceState StateOf(SimInstance sim, DateTimeOffset now)
    {
        var boot = sim.Samples.BootSeconds;
        if (sim.Terminated)
        {
            return new InstanceState(InstancePhase.Terminated, null, null, sim.PrivateAddress, "SIMULATED terminated");
        }

        if (now - sim.LaunchedAt < Settings.Real(boot))
        {
            return new InstanceState(InstancePhase.Pending, null, $"SIMULATED console of {sim.VmName}: booting", sim.PrivateAddress,
                $"SIMULATED pending: the sampled boot takes {Both(boot)}");
        }

        if (Settings.Failures.BootFailure.Contains(sim.VmName))
        {
            return new InstanceState(InstancePhase.Failed, false, $"SIMULATED console of {sim.VmName}: Kernel panic - not syncing: VFS: Unable to mount root fs",
                sim.PrivateAddress, $"SIMULATED boot failure injected by failures.bootFailure after {Both(boot)}");
        }

        return new InstanceState(InstancePhase.Running, true, $"SIMULATED console of {sim.VmName}: Reached target Multi-User System.", sim.PrivateAddress,
            $"SIMULATED running: the boot took {Both(boot)}");
    }

    private ProbeAttempt Probe(SimInstance sim, ProbeSpec probe, DateTimeOffset now)
    {
        var what = probe.Kind switch
        {
            ProbeKind.Http => $"HTTP probe '{probe.Name}' (GET {(probe.Url ?? "http://{address}/").Replace("{address}", sim.PrivateAddress, StringComparison.Ordinal)})",
            ProbeKind.Tcp => $"TCP probe '{probe.Name}' ({sim.PrivateAddress}:{probe.Port})",
            _ => $"script probe '{probe.Name}' (run-command)",
        };
        var state = StateOf(sim, now);
        if (state.Phase != InstancePhase.Running)
        {
            return new ProbeAttempt(false, $"SIMULATED {what} failed: the instance is {state.Phase}");
        }

        if (Settings.Failures.ProbeNeverPasses.Contains(sim.VmName))
        {
            return new ProbeAttempt(false, $"SIMULATED {what} failed: it never passes (failures.probeNeverPasses)");
        }

        var ready = sim.Samples.BootSeconds + sim.Samples.AppReadySeconds;
        return now - sim.LaunchedAt < Settings.Real(ready)
            ? new ProbeAttempt(false, $"SIMULATED {what} failed: the application gets ready {Both(sim.Samples.AppReadySeconds)} after boot")
            : new ProbeAttempt(true, $"SIMULATED {what} passed: the application got ready {Both(sim.Samples.AppReadySeconds)} after boot");
    }

    // Simulated and real time side by side: a reader of a scaled run must not mistake one for the other.
    private string Both(double simulatedSeconds) => string.Create(
        CultureInfo.InvariantCulture,
        $"{simulatedSeconds:0.0} s simulated ({Settings.Real(simulatedSeconds).TotalSeconds:0.00} s real at time scale {Settings.TimeScale:0.####})");
}
