using System.Runtime.InteropServices;
using Failkit.Workflows.Bench;

BenchOptions options;
try
{
    options = BenchOptions.Parse(args);
}
catch (ArgumentException ex)
{
    Console.Error.WriteLine(ex.Message);
    return 2;
}

var report = new Report();
var loadAtStart = LoadAverage();
var pg = await StartClusterAsync();
var durable = new Durable(pg.Cluster, pg.Problem);
Console.CancelKeyPress += (_, e) =>
{
    // Ctrl+C must not leave a PostgreSQL server and its temporary folder behind.
    e.Cancel = true;
    Progress.Say("interrupted; stopping PostgreSQL");
    pg.Cluster?.DisposeAsync().AsTask().GetAwaiter().GetResult();
    Environment.Exit(130);
};

try
{
    await WarmUpAsync();
    await Section('a', () => ThroughputSuite.RunPeerAsync(options, report, durable));
    await Section('b', () => ThroughputSuite.RunHistoryAsync(options, report, durable));
    await Section('c', () => LatencySuite.RunAsync(options, report, durable));
    await Section('d', () => ForkSuite.RunAsync(options, report, durable));
    await Section('e', () => CeilingSuite.RunAsync(options, report, durable));
}
finally
{
    if (pg.Cluster is not null)
    {
        await pg.Cluster.DisposeAsync();
    }
}

report.Print(Console.Out,
[
    $"Failkit workflow benchmark, {(options.Quick ? "--quick (indicative counts)" : "full run")}, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC",
    $"{Environment.ProcessorCount} cores, {RuntimeInformation.FrameworkDescription}, {RuntimeInformation.OSDescription}, " +
    $"{(System.Runtime.GCSettings.IsServerGC ? "server" : "workstation")} GC; load average at start {loadAtStart}, at end {LoadAverage()}",
    pg.Cluster?.Settings ?? "PostgreSQL: " + pg.Problem,
    "Workload: Elsa.Sequence of 20 Failkit.Bench.Noop (act/s counts the 20 Noops; WorkflowCore: 20 no-op StepBody steps).",
]);
return 0;

static string LoadAverage() =>
    File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

// The first host of the process otherwise measures tier-0 JIT code: run the engine for a few seconds first.
async Task WarmUpAsync()
{
    Progress.Say("JIT warm-up (not measured)");
    await using var host = await OurHost.CreateAsync(journal: true, connectionString: null);
    await ClosedLoop.RunAsync(options.MemoryCallers, int.MaxValue, TimeSpan.FromSeconds(options.Quick ? 2 : 5), host.RunSequenceAsync);
}

async Task Section(char section, Func<Task> run)
{
    if (!options.Runs(section))
    {
        return;
    }

    try
    {
        await run();
    }
    catch (Exception ex)
    {
        // One failing section must not cost the figures of the others.
        Progress.Say($"({section}) failed: {ex}");
        report.Add(section.ToString(), "section failed", $"{ex.GetType().Name}: {ex.Message}", "", false);
    }
}

async Task<(DurableCluster? Cluster, string? Problem)> StartClusterAsync()
{
    var needsCluster = options.Runs('e') || (PostgresStores.Missing is null && "abcd".Any(options.Runs));
    if (!needsCluster)
    {
        return (null, PostgresStores.Missing ?? "not needed by the selected sections");
    }

    try
    {
        Progress.Say("starting a PostgreSQL cluster with fsync and synchronous_commit on");
        return (await DurableCluster.StartAsync(CancellationToken.None), null);
    }
    catch (Exception ex)
    {
        return (null, "the PostgreSQL cluster did not start: " + ex.Message);
    }
}
