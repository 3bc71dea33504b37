using System.Text.Json.Nodes;
using Failkit.Activities.Sim;

namespace Failkit.Drills.Bench;

/// <summary>One wave as it happened, in real seconds. <c>Ready</c> is when the sim would first have answered the
/// wave's last probe (its launch plus its sampled boot and app-ready time); what lies between it and <c>End</c> (the
/// last probe seen green) is the drill noticing: polling, the engine's timers, the database.</summary>
public sealed record WaveTimeline(int Wave, int Vms, DateTimeOffset Start, DateTimeOffset LastLaunch, DateTimeOffset Ready, DateTimeOffset End,
    double FloorSeconds, double MaxLaunchWaitSeconds)
{
    public double Seconds => (End - Start).TotalSeconds;

    /// <summary>Wave start until the sim says its last VM is ready: hydration, the RunInstances bucket, boot, app-ready,
    /// and the drill's own work before each launch.</summary>
    public double ToReadySeconds => (Ready - Start).TotalSeconds;

    public double NoticeSeconds => (End - Ready).TotalSeconds;
}

/// <summary>The drill's own timestamps (requested, first request of each wave, last probe green, finished) joined with
/// the sim's record of each instance's launch.</summary>
public sealed record Timeline(DateTimeOffset Requested, DateTimeOffset Finished, IReadOnlyList<WaveTimeline> Waves)
{
    public double TotalSeconds => (Finished - Requested).TotalSeconds;

    /// <summary>Drill requested until the first wave's first request: recovery points, approval gate, wave list.</summary>
    public double BeforeSeconds => (Waves[0].Start - Requested).TotalSeconds;

    /// <summary>Last green probe of a wave until the next wave's first request, summed.</summary>
    public double BetweenSeconds => Waves.Zip(Waves.Skip(1)).Sum(p => (p.Second.Start - p.First.End).TotalSeconds);

    /// <summary>Last green probe until the drill finished: RTO, RPO, cleanup, sweep, compile.</summary>
    public double AfterSeconds => (Finished - Waves[^1].End).TotalSeconds;

    public static Timeline From(JsonObject drill, SimCloud sim, SimFloorResult floor)
    {
        ArgumentNullException.ThrowIfNull(drill);
        ArgumentNullException.ThrowIfNull(sim);
        ArgumentNullException.ThrowIfNull(floor);
        var tag = drill["id"]!.GetValue<Guid>().ToString("n");
        var instances = sim.Instances.Where(i => i.Tags.GetValueOrDefault("failkit-drill") == tag).ToDictionary(i => i.VmName);
        var scale = sim.Settings.TimeScale;
        var waves = new List<WaveTimeline>();
        foreach (var group in drill["vms"]!.AsArray().Select(v => v!.AsObject()).GroupBy(v => v["wave"]!.GetValue<int>()).OrderBy(g => g.Key))
        {
            var vms = group.ToList();
            var fall = vms.Select(v => v["waterfall"]!.AsObject()).ToList();
            if (vms.Any(v => v["verdict"]!.GetValue<string>() != "Passed"))
            {
                throw new InvalidOperationException($"wave {group.Key}: not every VM passed, so the timeline would not measure a clean drill:\n" +
                    string.Join('\n', vms.Where(v => v["verdict"]!.GetValue<string>() != "Passed").Take(5).Select(v => v.ToJsonString())));
            }

            var launched = vms.Select(v => instances[v["name"]!.GetValue<string>()]).ToList();
            var hydrateDone = vms.Zip(launched).Select(p =>
                At(p.First["waterfall"]!["requestedAt"]) + TimeSpan.FromSeconds(p.Second.Samples.HydrateSeconds * scale));
            waves.Add(new WaveTimeline(group.Key, vms.Count,
                fall.Min(f => At(f["requestedAt"])),
                launched.Max(i => i.LaunchedAt),
                launched.Max(i => i.LaunchedAt + TimeSpan.FromSeconds((i.Samples.BootSeconds + i.Samples.AppReadySeconds) * scale)),
                fall.Max(f => At(f["probesGreenAt"])),
                floor.Waves[waves.Count].Seconds * scale,
                launched.Zip(hydrateDone).Max(p => (p.First.LaunchedAt - p.Second).TotalSeconds)));
        }

        return new Timeline(At(drill["requestedAt"]), At(drill["finishedAt"]), waves);
    }

    private static DateTimeOffset At(JsonNode? node) =>
        node?.GetValue<DateTimeOffset>() ?? throw new InvalidOperationException("a timestamp the finished drill should have is missing");
}
