using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Failkit.Drills;
using Failkit.Evidence.Format;
using Failkit.Evidence.Tests.Fixtures;
using Failkit.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Failkit.Evidence.Tests;

/// <summary>A Sim drill run end to end through the tenant API ends in a report whose three downloads verify with the
/// published key alone, as an auditor would check them.</summary>
public sealed class ReportEndpointsTests(PlaneFixture fixture) : IClassFixture<PlaneFixture>
{
    [Fact]
    public async Task SimDrillThroughTheApi_ItsSignStepProducesAReportThatVerifiesWithThePublishedKey()
    {
        var plane = fixture.Plane;
        var account = await plane.SimAccountAsync();
        var group = await plane.GroupAsync(account.Id, [("db-1", 1), ("app-1", 2), ("app-2", 2)], pointAge: TimeSpan.FromMinutes(1));
        using var client = await plane.ApiClientAsync();
        var started = await client.PostAsJsonAsync("/api/drills", new { protectionGroupId = group.Id });
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        var id = (await started.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<Guid>();

        var json = await Downloads.WhenReadyAsync(client, $"/api/drills/{id}/report.json");
        var pdf = await Downloads.WhenReadyAsync(client, $"/api/drills/{id}/report.pdf");
        var sig = ReportSignature.Parse(await Downloads.WhenReadyAsync(client, $"/api/drills/{id}/report.sig"));
        using var anonymous = plane.Anonymous();
        var keys = ReportKeySet.Parse(await anonymous.GetByteArrayAsync("/.well-known/failkit/report-keys"));

        var key = Assert.Single(keys.Keys, k => k.KeyId == sig.KeyId);
        Assert.Equal(plane.TenantId, keys.TenantId);
        Assert.True(ReportSeal.SignatureValid(sig, Convert.FromBase64String(key.PublicKey)), "the signature does not verify with the published key");
        Assert.Equal(EvidenceJson.Sha256Hex(json), sig.ManifestSha256);
        Assert.Equal(json, CanonicalJson.Canonicalize(json));
        var manifest = JsonNode.Parse(json)!.AsObject();
        Assert.Equal(EvidenceJson.Sha256Hex(pdf), manifest["pdf_sha256"]!.GetValue<string>());
        Assert.True(key.Covers(EvidenceJson.ParseTime(manifest["generated_at"]!.GetValue<string>())));
        Assert.Equal(id.ToString(), manifest["drill_id"]!.GetValue<string>());
        Assert.Equal(plane.TenantId.ToString(), manifest["tenant_id"]!.GetValue<string>());
        Assert.True(manifest["simulated"]!.GetValue<bool>(), "a Sim drill's manifest must say simulated");
        Assert.Equal(sig.ReportNumber, manifest["report_number"]!.GetValue<long>());
        Assert.Equal("Passed", manifest["verdict"]!.GetValue<string>());
        Assert.Equal(["app-1", "app-2", "db-1"], manifest["vms"]!.AsArray().Select(v => v!["name"]!.GetValue<string>()).Order(StringComparer.Ordinal));
        Assert.All(manifest["vms"]!.AsArray(), vm => Assert.NotEmpty(vm!["request_ids"]!.AsArray()));
        Assert.Matches("^[0-9a-f]{64}$", manifest["runbook"]!["definition_sha256"]!.GetValue<string>());
        Assert.Empty(manifest["cleanup"]!["leftovers"]!.AsArray());

        // The PDF carries the body (the manifest without pdf_sha256) as its attachment, byte for byte.
        var body = (JsonObject)manifest.DeepClone();
        body.Remove("pdf_sha256");
        var attachments = await Poppler.AttachmentsAsync(pdf);
        Assert.Equal(CanonicalJson.Serialize(body), attachments[ReportPdf.AttachmentName]);
        Assert.NotEmpty(await Poppler.RenderAsync(pdf, "sim-drill"));

        var downloads = await TestSql.ScalarAsync<long>(plane.Tenant.AppConnectionString,
            "SELECT count(*) FROM identity.audit_events WHERE kind = 'report.downloaded' AND target = $1", $"drill/{id}/report.pdf");
        Assert.True(downloads >= 1, "the PDF download was not audited");
    }

    [Fact]
    public async Task DrillWithoutReport_Answers404Problem()
    {
        using var client = await fixture.Plane.ApiClientAsync("auditor");
        var response = await client.GetAsync($"/api/drills/{Guid.NewGuid()}/report.pdf");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task CancelledDrill_GetsAReportWhoseVerdictSaysCancelled()
    {
        var plane = fixture.Plane;
        var group = await plane.GroupAsync((await plane.SimAccountAsync()).Id, [("web-1", 1)], pointAge: TimeSpan.FromMinutes(1));
        var id = await plane.FinishedDrillAsync(group, DrillStatus.Cancelled);
        var sweeper = plane.Services.GetServices<IHostedService>().OfType<ReportSweeper>().Single();
        Assert.True(await sweeper.PassAsync(CancellationToken.None) >= 1, "the sweep found no finished drill without a report");
        using var client = await plane.ApiClientAsync("auditor");
        var manifest = JsonNode.Parse(await Downloads.WhenReadyAsync(client, $"/api/drills/{id}/report.json"))!;
        Assert.Equal("Cancelled", manifest["verdict"]!.GetValue<string>());
        var list = await client.GetFromJsonAsync<JsonArray>("/api/reports");
        Assert.Contains(list!, r => r!["drillId"]!.GetValue<Guid>() == id && r["verdict"]!.GetValue<string>() == "Cancelled");
    }
}
