using System.Globalization;

namespace Failkit.Drills.Bench;

/// <summary>The drill to run and the knobs the issue leaves to configuration. Defaults: the 500 VMs in 10 waves,
/// RunInstances 5/s burst 1, at a time scale that keeps the run to a couple of minutes.</summary>
public sealed record BenchOptions(
    int Vms,
    int Waves,
    double RunInstancesPerSecond,
    double TimeScale,
    TimeSpan PollInterval,
    int Workers,
    long Seed,
    bool Fsync,
    bool WarmUp,
    string? Out = null)
{
    public static BenchOptions Parse(string[] args)
    {
        var o = new BenchOptions(500, 10, 5, 0.02, TimeSpan.FromMilliseconds(100), 2, 7, Fsync: true, WarmUp: true);
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            o = args[i] switch
            {
                "--vms" => o with { Vms = int.Parse(Next(), CultureInfo.InvariantCulture) },
                "--waves" => o with { Waves = int.Parse(Next(), CultureInfo.InvariantCulture) },
                "--rate" => o with { RunInstancesPerSecond = double.Parse(Next(), CultureInfo.InvariantCulture) },
                "--time-scale" => o with { TimeScale = double.Parse(Next(), CultureInfo.InvariantCulture) },
                "--poll-ms" => o with { PollInterval = TimeSpan.FromMilliseconds(double.Parse(Next(), CultureInfo.InvariantCulture)) },
                "--workers" => o with { Workers = int.Parse(Next(), CultureInfo.InvariantCulture) },
                "--seed" => o with { Seed = long.Parse(Next(), CultureInfo.InvariantCulture) },
                "--fsync-off" => o with { Fsync = false },
                "--no-warm-up" => o with { WarmUp = false },
                "--out" => o with { Out = Next() },
                _ => throw new ArgumentException($"unknown flag {args[i]}; see bench/README.md"),
            };
        }

        if (o.Vms < o.Waves || o.Waves < 1)
        {
            throw new ArgumentException("--vms must be at least --waves, and --waves at least 1");
        }

        return o;
    }

    /// <summary>VM names by wave, in boot order: the plan both the drill and the floor use.</summary>
    public IReadOnlyList<IReadOnlyList<string>> Plan() =>
        [.. Enumerable.Range(0, Waves).Select(w => (IReadOnlyList<string>)[.. Enumerable.Range(0, Vms)
            .Where(i => i % Waves == w).Select(i => $"vm-{i:000}").Order(StringComparer.Ordinal)])];
}
