using System.Diagnostics;
using System.Globalization;
using System.Text;
using Failkit.Evidence.Format.Verification;
using Failkit.Verifier.Bench;

// Verify a chain of 10,000 reports (issue 6, benchmark) and compare with raw SHA-256 and Ed25519 in the same run.
var reports = Arg("--reports", 10_000);
var pdfKiB = Arg("--pdf-kib", 100);
var vms = Arg("--vms", 6);
var runs = Arg("--runs", 3);
var outFile = args.SkipWhile(a => a != "--out").Skip(1).FirstOrDefault();
var cores = Environment.ProcessorCount;
var loadBefore = Load();

Console.Error.WriteLine($"writing {reports} reports ({pdfKiB} KiB PDFs, {vms} VMs per manifest)...");
var build = Stopwatch.StartNew();
using var chain = BenchChain.Write(reports, pdfKiB, vms);
var buildTime = build.Elapsed;
Console.CancelKeyPress += (_, _) => chain.Dispose();

// Warm-up: JIT, and the page cache holds every file afterwards, so each timed run reads from memory, as the raw loops do.
var warm = ReportFolderVerifier.Verify(chain.Folder, chain.Keys);
if (!warm.Verified || warm.Reports.Count != reports)
{
    throw new InvalidOperationException("the bench chain did not verify: " + string.Join("; ", warm.Problems().Take(3)));
}

RawLimits.Sha256(chain, pdfKiB, reports, 1);
RawLimits.Ed25519(chain, 1);

var rows = new List<string[]>();
var totalBytes = chain.PdfBytes + chain.ManifestBytes;
foreach (var threads in new[] { 1, cores }.Distinct())
{
    Console.Error.WriteLine($"measuring with {threads} thread(s)...");
    // Interleaved (raw, raw, verifier; again), so load from other processes falls on all three alike. CPU time is the
    // process's: on a machine shared with builds, it moves much less than wall time does.
    var samples = Enumerable.Range(0, runs).Select(_ =>
    {
        var sha = Measure(() => RawLimits.Sha256(chain, pdfKiB, reports, threads));
        var ed = Measure(() => RawLimits.Ed25519(chain, threads));
        var verifier = Measure(() => ReportFolderVerifier.Verify(chain.Folder, chain.Keys, maxParallelism: threads).Verified
            ? TimeSpan.Zero
            : throw new InvalidOperationException("verification failed during the bench"));
        return (Sha: sha, Ed: ed, Verifier: verifier);
    }).ToList();
    var sha = Median(samples.Select(x => x.Sha));
    var ed = Median(samples.Select(x => x.Ed));
    var raw = Median(samples.Select(x => (x.Sha.Wall + x.Ed.Wall, x.Sha.Cpu + x.Ed.Cpu)));
    var verifier = Median(samples.Select(x => x.Verifier));
    rows.Add([$"raw SHA-256 over {Gb(totalBytes)} GB (memory)", $"{threads}", Sec(sha.Wall), Sec(sha.Cpu), $"{Gb(totalBytes / sha.Wall.TotalSeconds)} GB/s", "", ""]);
    rows.Add([$"raw Ed25519 verify x {reports:N0}", $"{threads}", Sec(ed.Wall), Sec(ed.Cpu), $"{reports / ed.Wall.TotalSeconds:N0} verifies/s", "", ""]);
    rows.Add(["raw limit (SHA-256 + Ed25519)", $"{threads}", Sec(raw.Wall), Sec(raw.Cpu), $"{reports / raw.Wall.TotalSeconds:N0} reports/s", "100%", "100%"]);
    rows.Add([$"**verifier: {reports:N0} reports from files**", $"{threads}", Sec(verifier.Wall), Sec(verifier.Cpu),
        $"{reports / verifier.Wall.TotalSeconds:N0} reports/s", $"**{100 * raw.Wall / verifier.Wall:F0}%**", $"**{100 * raw.Cpu / verifier.Cpu:F0}%**"]);
}

if (CliRun(chain) is { } cli)
{
    rows.Add([$"failkit-verify process, {reports:N0} reports, table to /dev/null", $"{cores}", Sec(cli), "", $"{reports / cli.TotalSeconds:N0} reports/s", "", ""]);
}

var report = new StringBuilder();
report.AppendLine(CultureInfo.InvariantCulture, $"Machine: {Cpu()}, {cores} cores, {Environment.OSVersion}, .NET {Environment.Version}; load average {loadBefore} at start, {Load()} at end.");
report.AppendLine(CultureInfo.InvariantCulture, $"Chain: {reports:N0} reports ({reports / 100} purged to stubs, key rotated halfway), {pdfKiB} KiB PDFs, " +
    $"{chain.ManifestBytes / Math.Max(1, reports - (reports / 100)):N0}-byte manifests ({vms} VMs); written in {buildTime.TotalSeconds:F1} s. Median of {runs} runs per row.");
report.AppendLine();
report.AppendLine("| measure | threads | wall (s) | CPU (s) | throughput (wall) | verifier / raw limit, wall | verifier / raw limit, CPU |");
report.AppendLine("|---|---|---|---|---|---|---|");
foreach (var r in rows)
{
    report.AppendLine("| " + string.Join(" | ", r) + " |");
}

Console.Write(report);
if (outFile is not null)
{
    File.WriteAllText(outFile, report.ToString());
}

return 0;

int Arg(string name, int fallback) =>
    args.SkipWhile(a => a != name).Skip(1).FirstOrDefault() is { } v ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;

// Wall and CPU medians are taken separately: each is the middle of its own runs.
static (TimeSpan Wall, TimeSpan Cpu) Median(IEnumerable<(TimeSpan Wall, TimeSpan Cpu)> samples)
{
    var list = samples.ToList();
    return (list.Select(x => x.Wall).Order().ElementAt(list.Count / 2), list.Select(x => x.Cpu).Order().ElementAt(list.Count / 2));
}

static (TimeSpan Wall, TimeSpan Cpu) Measure(Func<TimeSpan> work)
{
    using var self = Process.GetCurrentProcess();
    var cpu = self.TotalProcessorTime;
    var wall = Stopwatch.StartNew();
    work();
    var elapsed = wall.Elapsed;
    self.Refresh();
    return (elapsed, self.TotalProcessorTime - cpu);
}

// The CLI as an auditor runs it (process start, key file, the whole table), when its DLL has been built.
static TimeSpan? CliRun(BenchChain chain)
{
    var dll = Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "..", "host", "Failkit.Verifier", "bin", "Release", "net10.0", "Failkit.Verifier.dll");
    if (!File.Exists(dll))
    {
        Console.Error.WriteLine($"{dll} is not built: the process row is left out (dotnet build -c Release host/Failkit.Verifier adds it)");
        return null;
    }

    var keyFile = Path.Combine(chain.Folder, "..", Path.GetFileName(chain.Folder) + "-keys.json");
    File.WriteAllBytes(keyFile, chain.Keys.ToBytes());
    try
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true };
        start.ArgumentList.Add(dll);
        start.ArgumentList.Add(chain.Folder);
        start.ArgumentList.Add("--public-key");
        start.ArgumentList.Add(keyFile);
        var w = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode == 0 ? w.Elapsed : throw new InvalidOperationException($"failkit-verify exited {process.ExitCode}");
    }
    finally
    {
        File.Delete(keyFile);
    }
}

static string Sec(TimeSpan t) => t.TotalSeconds.ToString("F3", CultureInfo.InvariantCulture);

static string Gb(double bytes) => (bytes / 1e9).ToString("F2", CultureInfo.InvariantCulture);

static string Load() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

static string Cpu() =>
    File.Exists("/proc/cpuinfo") && File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal)) is { } l
        ? l[(l.IndexOf(':', StringComparison.Ordinal) + 2)..]
        : "unknown CPU";
