using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Failkit.Evidence.Format;
using Failkit.Evidence.Tests.Fixtures;
using Failkit.Testing;
using Failkit.Workflows.Core;
using Failkit.Workflows.Runtime;
using Npgsql;

namespace Failkit.Evidence.Tests;

public sealed class EvidenceRetentionTests
{
    [Fact]
    public async Task Purge_DropsBodiesAndProbeOutputs_KeepsTheChainVerifiable()
    {
        await using var plane = await EvidencePlane.StartAsync(PlaneSettings.Sweep(TimeSpan.FromHours(1)));
        var group = await plane.GroupAsync((await plane.SimAccountAsync()).Id, [("web-1", 1)], pointAge: TimeSpan.FromMinutes(1));
        var chain = plane.Get<ReportChain>();
        var drills = new[] { await plane.FinishedDrillAsync(group), await plane.FinishedDrillAsync(group) };
        foreach (var drill in drills)
        {
            await chain.AppendAsync(drill, CancellationToken.None);
        }

        using var owner = await plane.OwnerAsync();
        var policy = await owner.GetFromJsonAsync<JsonObject>("/api/settings/retention");
        Assert.Equal(EvidenceOptions.DefaultRetentionDays, policy!["days"]!.GetValue<int>());
        Assert.Equal(HttpStatusCode.BadRequest, (await owner.PutAsJsonAsync("/api/settings/retention", new { days = 0 })).StatusCode);
        (await owner.PutAsJsonAsync("/api/settings/retention", new { days = 30 })).EnsureSuccessStatusCode();
        var change = await TestSql.ScalarAsync<string>(plane.Tenant.AppConnectionString,
            "SELECT before || ' -> ' || after FROM identity.audit_events WHERE kind = 'settings.retention-changed'");
        Assert.Contains("365", change, StringComparison.Ordinal);
        Assert.Contains("30", change, StringComparison.Ordinal);

        var retention = plane.Get<EvidenceRetention>();
        Assert.Empty(await retention.PurgeAsync(DateTimeOffset.UtcNow.AddDays(29), CancellationToken.None));
        Assert.Equal([1L, 2L], (await retention.PurgeAsync(DateTimeOffset.UtcNow.AddDays(31), CancellationToken.None)).Order());

        Assert.Equal(HttpStatusCode.Gone, (await owner.GetAsync($"/api/drills/{drills[0]}/report.pdf")).StatusCode);
        Assert.Equal(HttpStatusCode.Gone, (await owner.GetAsync($"/api/drills/{drills[0]}/report.json")).StatusCode);
        var sig = ReportSignature.Parse(await owner.GetByteArrayAsync($"/api/drills/{drills[1]}/report.sig"));
        var probes = await TestSql.ScalarAsync<string>(plane.Tenant.AppConnectionString, "SELECT probes::text FROM drills.drill_vms WHERE drill_id = $1", drills[0]);
        Assert.Contains(EvidenceRetention.PurgedProbeOutput, probes, StringComparison.Ordinal);
        Assert.DoesNotContain("healthy", probes, StringComparison.Ordinal);
        var purgedEvent = await TestSql.ScalarAsync<string>(plane.Tenant.AppConnectionString, "SELECT detail FROM identity.audit_events WHERE kind = 'evidence.purged'");
        Assert.StartsWith("reports 1, 2:", purgedEvent, StringComparison.Ordinal);

        // A report after the purge still links to the purged one, and the export carries stubs the chain runs through.
        var third = (await chain.AppendAsync(await plane.FinishedDrillAsync(group), CancellationToken.None))!;
        Assert.Equal(sig.ManifestSha256, third.PreviousReportSha256);
        using var zip = new ZipArchive(new MemoryStream(await owner.GetByteArrayAsync("/api/reports/export")));
        var names = zip.Entries.Select(e => e.FullName).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(["report-000001.sig", "report-000001.stub.json", "report-000002.sig", "report-000002.stub.json",
            "report-000003.json", "report-000003.pdf", "report-000003.sig", ReportFiles.KeysFile], names);
        var stub = ReportStub.Parse(Read(zip, "report-000002.stub.json"));
        Assert.Equal(sig.ManifestSha256, stub.ManifestSha256);
        Assert.Equal(plane.TenantId, stub.TenantId);
        var keys = ReportKeySet.Parse(Read(zip, ReportFiles.KeysFile));
        Assert.True(ReportSeal.SignatureValid(sig, Convert.FromBase64String(keys.Keys.Single().PublicKey)));
        var thirdManifest = JsonNode.Parse(Read(zip, "report-000003.json"))!;
        Assert.Equal(stub.ManifestSha256, thirdManifest["previous_report_sha256"]!.GetValue<string>());
    }

    [Fact]
    public async Task SealedReport_UpdateAndDelete_AreRefusedForTheAppRoleAndTheOwner()
    {
        await using var plane = await EvidencePlane.StartAsync(PlaneSettings.Sweep(TimeSpan.FromHours(1)));
        var group = await plane.GroupAsync((await plane.SimAccountAsync()).Id, [("web-1", 1)], pointAge: TimeSpan.FromMinutes(1));
        await plane.Get<ReportChain>().AppendAsync(await plane.FinishedDrillAsync(group), CancellationToken.None);
        foreach (var connection in new[] { plane.Tenant.AppConnectionString, plane.Tenant.OwnerConnectionString })
        {
            foreach (var sql in new[]
            {
                "UPDATE evidence.reports SET verdict = 'Passed' WHERE report_number = 1",
                "UPDATE evidence.reports SET pdf = NULL, manifest = NULL, purged_at = now(), pdf_sha256 = repeat('0', 64) WHERE report_number = 1",
                "DELETE FROM evidence.reports WHERE report_number = 1",
            })
            {
                var error = await Assert.ThrowsAsync<PostgresException>(() => TestSql.ExecuteAsync(connection, sql));
                Assert.Equal("42501", error.SqlState);
            }
        }

        Assert.Equal(1, await TestSql.ScalarAsync<long>(plane.Tenant.AppConnectionString, "SELECT count(*) FROM evidence.reports WHERE purged_at IS NULL"));
    }

    [Fact]
    public async Task RetentionWorkflow_FiredByItsCron_RunsThePurgeToTheEnd()
    {
        await using var plane = await EvidencePlane.StartAsync(PlaneSettings.Sweep(TimeSpan.FromHours(1)));
        var run = await plane.Get<WorkflowRuntime>().StartAsync("evidence-retention", new StartRequest { TriggerActivityId = "nightly" }, CancellationToken.None);
        Assert.True(run.Status == WorkflowStatus.Finished && run.Incidents.Count == 0,
            $"{run.Status}/{run.SubStatus}: {string.Join("; ", run.Incidents.Select(i => i.Message))}");
        Assert.Equal(WorkflowSubStatus.Finished, run.SubStatus);
    }

    [Fact]
    public void EnterpriseTier_KeepsEvidenceSevenYearsByDefault()
    {
        Assert.Equal(2557, new EvidenceOptions { Tier = "Enterprise" }.DefaultRetention);
        Assert.Equal(365, new EvidenceOptions { Tier = "Professional" }.DefaultRetention);
    }

    private static byte[] Read(ZipArchive zip, string name)
    {
        using var stream = zip.GetEntry(name)!.Open();
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
