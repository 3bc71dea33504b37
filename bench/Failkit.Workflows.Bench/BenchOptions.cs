namespace Failkit.Workflows.Bench;

/// <summary>Command-line flags and the counts they imply. <c>--quick</c> shrinks every count so a smoke run takes
/// a minute or two; the figures it prints are indicative only.</summary>
public sealed record BenchOptions
{
    public bool Quick { get; init; }

    /// <summary>Sections to run (a–e); all when empty.</summary>
    public IReadOnlySet<char> Only { get; init; } = new HashSet<char>();

    public int SustainSeconds { get; init; } = 300;

    /// <summary>Concurrent callers of the closed loops: in memory, and on PostgreSQL (where more requests in flight
    /// share each WAL flush).</summary>
    public int MemoryCallers { get; init; } = 4;

    public int DurableCallers { get; init; } = 8;

    public int OursInstances => Quick ? 4_000 : 20_000;

    public int DurableInstances => Quick ? 600 : 4_000;

    public TimeSpan MaxLoopTime => TimeSpan.FromSeconds(Quick ? 5 : 20);

    public int WorkflowCoreWarmup { get; init; } = 500;

    public int WorkflowCoreInstances => Quick ? 1_000 : 5_000;

    public int WorkflowCoreStored { get; init; } = 10_000;

    public int WorkflowCoreInFlight { get; init; } = 4;

    public int History => Quick ? 10_000 : 100_000;

    public int LatencySamples => Quick ? 300 : 2_000;

    public int DurableLatencySamples => Quick ? 100 : 500;

    public int Waiting { get; init; } = 1_000;

    public int Resumes => Quick ? 200 : 1_000;

    public int ForkBranches { get; init; } = 500;

    public TimeSpan CeilingTime => TimeSpan.FromSeconds(Quick ? 3 : 10);

    public int DispatchInstances => Quick ? 500 : 3_000;

    public bool Runs(char section) => Only.Count == 0 || Only.Contains(section);

    public static BenchOptions Parse(string[] args)
    {
        var options = new BenchOptions();
        var sustain = (int?)null;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--quick":
                    options = options with { Quick = true };
                    break;
                case "--only" when i + 1 < args.Length:
                    var only = args[++i].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                    if (only.Any(s => s.Length != 1 || s[0] is < 'a' or > 'e'))
                    {
                        throw new ArgumentException($"--only takes letters a–e separated by commas, got '{args[i]}'.");
                    }

                    options = options with { Only = only.Select(s => s[0]).ToHashSet() };
                    break;
                case "--sustain-seconds" when i + 1 < args.Length && int.TryParse(args[i + 1], out var s) && s >= 10:
                    sustain = s;
                    i++;
                    break;
                default:
                    throw new ArgumentException(
                        $"Unknown or incomplete argument '{args[i]}'. Usage: [--quick] [--only a,b,c,d,e] [--sustain-seconds N (>= 10)]");
            }
        }

        return options with { SustainSeconds = sustain ?? (options.Quick ? 30 : 300) };
    }
}
