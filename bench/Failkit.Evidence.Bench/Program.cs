using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using Failkit.Evidence.Format;
using NSec.Cryptography;

namespace Failkit.Evidence.Bench;

// Render and sign the report of a 500-VM drill, against raw Ed25519 signing and SHA-256 over the same PDF bytes measured
// in the same run. Never in CI. From the repository root:
//   dotnet build -c Release bench/Failkit.Evidence.Bench && dotnet bench/Failkit.Evidence.Bench/bin/Release/net10.0/Failkit.Evidence.Bench.dll [vms] [iterations]
public static class EvidenceBench
{
    public static void Main(string[] args)
    {
        var vms = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 500;
        var iterations = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 10;
        var load = File.ReadAllText("/proc/loadavg").Split(' ')[..3];
        var facts = BenchDrill.Facts(vms, 10);
        using var key = Key.Create(SignatureAlgorithm.Ed25519);
        for (var i = 0; i < 2; i++)
        {
            ReportSeal.Seal(ManifestBody.Build(facts), ReportPdf.Render(ManifestBody.Build(facts)), key, Guid.Empty);
        }

        var (build, render, seal, total) = (new List<double>(), new List<double>(), new List<double>(), new List<double>());
        byte[] pdf = [];
        SealedReport sealedReport = null!;
        for (var i = 0; i < iterations; i++)
        {
            var all = Stopwatch.StartNew();
            var step = Stopwatch.StartNew();
            var body = ManifestBody.Build(facts);
            build.Add(step.Elapsed.TotalMilliseconds);
            step.Restart();
            pdf = ReportPdf.Render(body);
            render.Add(step.Elapsed.TotalMilliseconds);
            step.Restart();
            sealedReport = ReportSeal.Seal(body, pdf, key, Guid.Empty);
            seal.Add(step.Elapsed.TotalMilliseconds);
            total.Add(all.Elapsed.TotalMilliseconds);
        }

        var canonical = new List<double>();
        var lastBody = ManifestBody.Build(facts);
        for (var i = 0; i < iterations; i++)
        {
            var step = Stopwatch.StartNew();
            CanonicalJson.Serialize(lastBody);
            canonical.Add(step.Elapsed.TotalMilliseconds);
        }

        var hash = SHA256.HashData(sealedReport.Manifest);
        var signs = Rate(() => SignatureAlgorithm.Ed25519.Sign(key, hash), TimeSpan.FromSeconds(2));
        var shaPdf = Rate(() => SHA256.HashData(pdf), TimeSpan.FromSeconds(2));
        var rawMs = (1000 / signs) + (1000 / shaPdf);
        var w = Console.Out;
        w.WriteLine($"| measure | value |");
        w.WriteLine($"|---|---|");
        w.WriteLine($"| load average 1/5/15 at start | {string.Join(' ', load)} |");
        w.WriteLine(Inv($"| drill | {vms} VMs in 10 waves, {iterations} iterations after 2 warm-ups |"));
        w.WriteLine(Inv($"| manifest body (build) | median {Median(build):0.0} ms |"));
        w.WriteLine(Inv($"| PDF render (PDFsharp, incl. attachment) | median {Median(render):0.0} ms, min {render.Min():0.0} ms |"));
        w.WriteLine(Inv($"| seal (canonical JSON, SHA-256 of PDF and manifest, Ed25519) | median {Median(seal):0.00} ms |"));
        w.WriteLine(Inv($"| of which one RFC 8785 canonicalization of the body | median {Median(canonical):0.00} ms (the seal makes two: the body and the sealed manifest) |"));
        w.WriteLine(Inv($"| **render + sign, total** | **median {Median(total):0.0} ms** ({1000 / Median(total):0.0} reports/s) |"));
        w.WriteLine(Inv($"| PDF bytes | {pdf.Length:N0} ({pdf.Length / 1024.0 / 1024:0.00} MiB), {PageCount(pdf)} pages |"));
        w.WriteLine(Inv($"| sealed manifest bytes / .sig bytes | {sealedReport.Manifest.Length:N0} / {sealedReport.Signature.ToBytes().Length:N0} |"));
        w.WriteLine(Inv($"| raw Ed25519 sign (32 bytes) | {signs:N0} /s ({1e6 / signs:0.0} µs) |"));
        w.WriteLine(Inv($"| raw SHA-256 over the PDF bytes | {shaPdf * pdf.Length / 1024 / 1024:N0} MiB/s ({1000 / shaPdf:0.000} ms a PDF) |"));
        w.WriteLine(Inv($"| raw floor (one sign + one PDF hash) | {rawMs:0.000} ms |"));
        w.WriteLine(Inv($"| seal / raw floor | {Median(seal) / rawMs:0.0}× |"));
        w.WriteLine(Inv($"| render + sign / raw floor | {Median(total) / rawMs:0}× (the PDF layout is the cost; signing is {100 * Median(seal) / Median(total):0.0}% of it) |"));
    }

    private static double Rate(Action action, TimeSpan duration)
    {
        var n = 0L;
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < duration)
        {
            action();
            n++;
        }

        return n / clock.Elapsed.TotalSeconds;
    }

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);

    private static int PageCount(byte[] pdf) => System.Text.RegularExpressions.Regex.Count(System.Text.Encoding.Latin1.GetString(pdf), @"/Type\s*/Page[^s]");

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
