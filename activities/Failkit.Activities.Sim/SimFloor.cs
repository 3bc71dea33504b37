using System.Text.Json.Nodes;

namespace Failkit.Activities.Sim;

/// <summary>The benchmark's floor for a wave plan, from the sim's own parameters and the same seeded samples the sim
/// uses. Per wave: the slowest VM's hydrate + boot + app-ready, plus the time the RunInstances bucket needs to let the
/// whole wave launch (the definition). Rate limits of other operations, throttling by failures.throttleRate
/// and injected failures are not in the floor: they are what the orchestration has to cope with.
/// The floor adds the slowest VM to the launch time of the last one, but the slowest VM need not launch last,
/// so a good orchestrator can beat it slightly; <see cref="SimFloorResult.LowerBoundSeconds"/> is a bound nothing can
/// beat, printed beside it so a ratio under 1 is not mistaken for a measuring error.</summary>
public static class SimFloor
{
    public static SimFloorResult Compute(JsonObject? settings, IReadOnlyList<IReadOnlyList<string>> waves) =>
        Compute(SimSettings.Parse(settings), waves);

    public static SimFloorResult Compute(SimSettings settings, IReadOnlyList<IReadOnlyList<string>> waves)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(waves);
        var limit = settings.RateLimits.GetValueOrDefault(SimOperations.RunInstances);
        var perWave = new List<SimWaveFloor>(waves.Count);
        foreach (var wave in waves)
        {
            if (wave.Count == 0)
            {
                perWave.Add(new SimWaveFloor(perWave.Count, null, 0, 0, 0));
                continue;
            }

            var samples = wave.Select(vm => SimSampler.For(settings, vm)).ToList();
            var slowest = samples.MaxBy(s => s.TotalSeconds)!;
            var launch = LaunchSeconds(wave.Count, limit);
            // The last VM to launch cannot launch earlier than the bucket allows, and still has to boot and get ready.
            var lowerBound = Math.Max(slowest.TotalSeconds, launch + samples.Min(s => s.BootSeconds + s.AppReadySeconds));
            perWave.Add(new SimWaveFloor(perWave.Count, slowest, slowest.TotalSeconds, launch, lowerBound));
        }

        var total = perWave.Sum(w => w.Seconds);
        return new SimFloorResult(total, total * settings.TimeScale, settings.TimeScale, perWave.Sum(w => w.LowerBoundSeconds), perWave);
    }

    /// <summary>A full bucket lets <c>burst</c> launches through at once, then one per 1/rate: the last of n VMs
    /// launches after max(0, n - burst) / rate; with burst 1 that is the familiar (n - 1) / rate.</summary>
    public static double LaunchSeconds(int vmCount, RateLimit? runInstances) =>
        runInstances is null ? 0 : Math.Max(0, vmCount - runInstances.Burst) / runInstances.PerSecond;
}

/// <param name="SimulatedSeconds">The floor in simulated seconds.</param>
/// <param name="RealSeconds">The same floor in real seconds at the settings' time scale: compare wall time with this.</param>
/// <param name="LowerBoundSeconds">Simulated seconds no schedule can beat (see <see cref="SimFloor"/>).</param>
public sealed record SimFloorResult(double SimulatedSeconds, double RealSeconds, double TimeScale, double LowerBoundSeconds, IReadOnlyList<SimWaveFloor> Waves)
{
    public double LowerBoundRealSeconds => LowerBoundSeconds * TimeScale;
}

/// <param name="Slowest">The wave's slowest VM and its samples; null for an empty wave.</param>
public sealed record SimWaveFloor(int Index, SimVmSamples? Slowest, double SlowestSeconds, double LaunchSeconds, double LowerBoundSeconds)
{
    public double Seconds => SlowestSeconds + LaunchSeconds;
}
