using System.Diagnostics;
using Failkit.Drills;
using Microsoft.Playwright;

namespace Failkit.Portal.Bench;

/// <summary>Section (b): the drill page is open on a running drill; the harness writes a VM's status the way the drill
/// activities do (<see cref="DrillStore.UpdateVmAsync"/>) and times until the page's VM row carries it.</summary>
public static class Live
{
    public static async Task<Timings> LatencyAsync(IPage page, DrillStore store, Drill drill, int samples)
    {
        await page.GotoAsync($"/drills/{drill.Id}");
        await page.WaitForFunctionAsync("() => document.querySelector('[data-test=circuit][data-interactive=true]') !== null", null, new() { PollingInterval = 10 });
        var vm = drill.Vms[0].Name;
        var values = new List<double>();
        string[] statuses = [VmStatus.Hydrating, VmStatus.Booting];
        for (var i = 0; i < samples; i++)
        {
            // A random pause so the writes do not fall in step with the page's refresh.
            await Task.Delay(Random.Shared.Next(50, 400));
            var status = statuses[i % 2];
            var clock = Stopwatch.StartNew();
            await store.UpdateVmAsync(drill.Id, vm, new VmProgress(Status: status), CancellationToken.None);
            await page.WaitForFunctionAsync($"() => document.querySelector('[data-vm=\"{vm}\"][data-vm-status=\"{status}\"]') !== null", null, new() { PollingInterval = 5 });
            values.Add(clock.Elapsed.TotalMilliseconds);
        }

        return new Timings(values);
    }

    public static async Task<Timings> RoundTripAsync(IPage page, int samples)
    {
        var values = new List<double>();
        for (var i = 0; i < samples; i++)
        {
            var clock = Stopwatch.StartNew();
            await page.EvaluateAsync<bool>("() => true");
            values.Add(clock.Elapsed.TotalMilliseconds);
        }

        return new Timings(values);
    }
}
