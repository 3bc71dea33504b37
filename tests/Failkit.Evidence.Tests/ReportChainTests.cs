using System.Text.Json.Nodes;
using Failkit.Evidence.Format;
using Failkit.Evidence.Tests.Fixtures;

namespace Failkit.Evidence.Tests;

/// <summary>One chain per tenant, however many drills finish at once.</summary>
public sealed class ReportChainTests
{
    [Fact]
    public async Task TwentyConcurrentCompletions_FormOneChainOneToTwenty()
    {
        // The backstop sweep is slowed right down: the twenty appends below are the only writers.
        await using var plane = await EvidencePlane.StartAsync(PlaneSettings.Sweep(TimeSpan.FromHours(1)));
        var group = await plane.GroupAsync((await plane.SimAccountAsync()).Id, [("db-1", 1), ("app-1", 2)], pointAge: TimeSpan.FromMinutes(1));
        var drills = new List<Guid>();
        for (var i = 0; i < 20; i++)
        {
            drills.Add(await plane.FinishedDrillAsync(group));
        }

        var chain = plane.Get<ReportChain>();
        var appended = await Task.WhenAll(drills.Select(d => Task.Run(() => chain.AppendAsync(d, CancellationToken.None))));

        Assert.Equal(Enumerable.Range(1, 20).Select(n => (long)n), appended.Select(r => r!.Number).Order());
        Assert.Equal(drills.Order(), appended.Select(r => r!.DrillId).Order());
        var keys = await plane.Get<ReportKeys>().KeySetAsync(CancellationToken.None);
        var store = plane.Get<ReportStore>();
        string? previous = null;
        foreach (var entry in appended.OrderBy(r => r!.Number))
        {
            var manifest = (await store.ManifestAsync(entry!.Number, CancellationToken.None))!;
            var pdf = (await store.PdfAsync(entry.Number, CancellationToken.None))!;
            var signature = ReportSignature.Parse(entry.Signature);
            var doc = JsonNode.Parse(manifest)!;
            Assert.Equal(EvidenceJson.Sha256Hex(manifest), signature.ManifestSha256);
            Assert.Equal(EvidenceJson.Sha256Hex(pdf), doc["pdf_sha256"]!.GetValue<string>());
            Assert.Equal(entry.Number, doc["report_number"]!.GetValue<long>());
            Assert.Equal(entry.Number, signature.ReportNumber);
            Assert.Equal(previous, doc["previous_report_sha256"]?.GetValue<string>());
            var key = keys.Keys.Single(k => k.KeyId == signature.KeyId);
            Assert.True(ReportSeal.SignatureValid(signature, Convert.FromBase64String(key.PublicKey)), $"report {entry.Number}: bad signature");
            previous = EvidenceJson.Sha256Hex(manifest);
        }

        // A second append for a drill that has its report returns that report; the chain does not grow.
        var again = await chain.AppendAsync(drills[7], CancellationToken.None);
        Assert.Equal(appended.Single(r => r!.DrillId == drills[7])!.Number, again!.Number);
        Assert.Equal(20, (await store.ListAsync(100, null, CancellationToken.None)).Count);
    }

    [Fact]
    public async Task FinishedDrillWithoutTheSignStep_GetsItsReportFromTheSweep()
    {
        await using var plane = await EvidencePlane.StartAsync(PlaneSettings.Sweep(TimeSpan.FromMilliseconds(200)));
        var group = await plane.GroupAsync((await plane.SimAccountAsync()).Id, [("web-1", 1)], pointAge: TimeSpan.FromMinutes(1));
        var drill = await plane.FinishedDrillAsync(group, Failkit.Drills.DrillStatus.Failed);
        ReportEntry? report = null;
        for (var deadline = DateTime.UtcNow.AddSeconds(30); report is null && DateTime.UtcNow < deadline; await Task.Delay(100))
        {
            report = await plane.Get<ReportStore>().FindAsync(drill, CancellationToken.None);
        }

        Assert.NotNull(report);
        Assert.Equal("Failed", report.Verdict);
    }
}
