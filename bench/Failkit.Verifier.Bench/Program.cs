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
    var sha = Median(() => RawLimits.Sha256(chain, pdfKiB, reports, threads));
    var ed = Median(() => RawLimits.Ed25519(chain, threads));
    var raw = sha + ed;
    var verifier = Median(() =>
    {
        var w = Stopwatch.StartNew();
        var result = ReportFolderVerifier.Verify(chain.Folder, chain.Keys, maxParallelism: threads);
        return result.Verified ? w.Elapsed : throw new InvalidOperationException("verification failed during the bench");
    });
    rows.Add([$"raw SHA-256 over {Gb(totalBytes)} GB (memory)", $"{threads}", Sec(sha), $"{Gb(totalBytes / sha.TotalSeconds)} GB/s", ""]);
    rows.Add([$"raw Ed25519 verify x {reports:N0}", $"{threads}", Sec(ed), $"{reports / ed.TotalSeconds:N0} verifies/s", ""]);
    rows.Add(["raw limit (SHA-256 + Ed25519)", $"{threads}", Sec(raw), $"{reports / raw.TotalSeconds:N0} reports/s", "100%"]);
    rows.Add([$"verifier: {reports:N0} reports from files", $"{threads}", Sec(verifier), $"{reports / verifier.TotalSeconds:N0} reports/s",
        $"{100 * raw.TotalSeconds / verifier.TotalSeconds:F0}%"]);
}

var report = new StringBuilder();
report.AppendLine(CultureInfo.InvariantCulture, $"Machine: {Cpu()}, {cores} cores, {Environment.OSVersion}, .NET {Environment.Version}; load average {loadBefore} at start, {Load()} at end.");
report.AppendLine(CultureInfo.InvariantCulture, $"Chain: {reports:N0} reports ({reports / 100} purged to stubs, key rotated halfway), {pdfKiB} KiB PDFs, " +
    $"{chain.ManifestBytes / Math.Max(1, reports - (reports / 100)):N0}-byte manifests ({vms} VMs); written in {buildTime.TotalSeconds:F1} s. Median of {runs} runs per row.");
report.AppendLine();
report.AppendLine("| measure | threads | time (s) | throughput | verifier / raw limit |");
report.AppendLine("|---|---|---|---|---|");
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

TimeSpan Median(Func<TimeSpan> measure) => Enumerable.Range(0, runs).Select(_ => measure()).Order().ElementAt(runs / 2);

static string Sec(TimeSpan t) => t.TotalSeconds.ToString("F3", CultureInfo.InvariantCulture);

static string Gb(double bytes) => (bytes / 1e9).ToString("F2", CultureInfo.InvariantCulture);

static string Load() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

static string Cpu() =>
    File.Exists("/proc/cpuinfo") && File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal)) is { } l
        ? l[(l.IndexOf(':', StringComparison.Ordinal) + 2)..]
        : "unknown CPU";
