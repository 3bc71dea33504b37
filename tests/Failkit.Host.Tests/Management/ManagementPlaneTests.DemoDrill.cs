using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Failkit.Evidence.Format;
using Failkit.Evidence.Format.Verification;
using MimeKit;

namespace Failkit.Host.Tests.Management;

public sealed partial class ManagementPlaneTests
{
    [Fact]
    public async Task EmbeddedStart_RunsTheDemoDrill_AndPrintsItsTableAndCleanupProof()
    {
        var output = plane.Process.Output;
        var lines = output.Split('\n').Select(l => l.Trim()).ToList();
        Assert.True(lines.Exists(l => l.StartsWith("Drill ", StringComparison.Ordinal)), "No drill table in the start-up output:\n" + output);
        var status = Assert.Single(lines, l => l.StartsWith("Drill ", StringComparison.Ordinal));
        Assert.EndsWith("Succeeded  [SIMULATED]", status, StringComparison.Ordinal);
        foreach (var vm in new[] { "db-1", "db-2", "app-1", "app-2", "web-1", "web-2" })
        {
            Assert.Contains(lines, l => l.StartsWith(vm + " ", StringComparison.Ordinal) && l.EndsWith("Passed", StringComparison.Ordinal));
        }

        Assert.Matches(@"cleanup: \d+ resources deleted; sweep by tag failkit-drill=[0-9a-f]{32}: 0 left", plane.Process.Output);

        // The printed drill is the tenant's own record, readable through its API with the demo's API client.
        var client = plane.Process.State["tenants"]![plane.Demo]!["apiClient"]!;
        using var token = await plane.SendAsync($"{plane.Demo}.localhost", HttpMethod.Post, "connect/token", content: new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = client["clientId"]!.GetValue<string>(),
            ["client_secret"] = client["clientSecret"]!.GetValue<string>(),
        }));
        var access = (await token.EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonObject>())!["access_token"]!.GetValue<string>();
        using var response = await plane.SendAsync($"{plane.Demo}.localhost", HttpMethod.Get, "api/drills", access);
        var drill = Assert.Single((await response.EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonArray>())!)!;
        Assert.Equal("Succeeded", drill["status"]!.GetValue<string>());
        Assert.Equal(6, drill["vms"]!.AsArray().Count);
        Assert.Empty(drill["cleanup"]!["leftovers"]!.AsArray());
    }

    [Fact]
    public async Task EmbeddedStart_TheDemoPlaneServesThePortalsScriptsAndStyles()
    {
        // The tenant plane runs from an unpublished build outside Development: the portal must still get its files.
        foreach (var asset in new[] { "_framework/blazor.web.js", "_content/MudBlazor/MudBlazor.min.css", "_content/MudBlazor/MudBlazor.min.js" })
        {
            using var response = await plane.SendAsync($"{plane.Demo}.localhost", HttpMethod.Get, asset);
            var body = await response.EnsureSuccessStatusCode().Content.ReadAsByteArrayAsync();
            Assert.True(body.Length > 1000, $"{asset} answered {body.Length} bytes");
        }
    }

    [Fact]
    public void EmbeddedStart_ExportsTheDemoDrillsSignedReport_WhichTheOfflineVerifierAccepts()
    {
        Assert.Matches(@"signed report No\. \d+ \(\d+ in the tenant's chain\), exported to ", plane.Process.Output);
        Assert.Contains("verify it offline: ./failkit verify ", plane.Process.Output, StringComparison.Ordinal);
        var reports = Path.Combine(plane.Process.Config.StateDirectory, "reports");
        var keys = ReportKeySet.Parse(File.ReadAllBytes(Path.Combine(reports, plane.Demo + "-report-keys.json")));

        var result = ReportFolderVerifier.Verify(Path.Combine(reports, plane.Demo), keys);

        Assert.True(result.Verified, string.Join("\n", result.Problems()));
        var report = Assert.Single(result.Reports);
        Assert.Equal(ReportStatus.Ok, report.Status);
        Assert.True(File.Exists(Path.Combine(reports, plane.Demo, ReportFiles.Pdf(report.Number))));
    }

    [Fact]
    public async Task EmbeddedStart_PutsTheDrillCompletionEmail_WithTheSignedPdf_NextToTheBootstrapEmail()
    {
        var outbox = Path.Combine(plane.Process.Config.StateDirectory, "outbox");
        var messages = new List<MimeMessage>();
        foreach (var file in Directory.GetFiles(outbox, "*.eml"))
        {
            messages.Add(await MimeMessage.LoadAsync(file, TestContext.Current.CancellationToken));
        }

        Assert.Contains(messages, m => m.Subject?.Contains($"Your Failkit tenant '{plane.Demo}' is ready", StringComparison.Ordinal) == true);
        var drillMail = Assert.Single(messages, m => m.Subject?.StartsWith("Drill ", StringComparison.Ordinal) == true);
        Assert.Equal("Drill Succeeded [SIMULATED]: demo-app", drillMail.Subject);
        Assert.Equal($"owner@{plane.Demo}.localhost", Assert.Single(drillMail.To.Mailboxes).Address);
        Assert.Matches(@"Completion mail:\s+\S+\.eml", plane.Process.Output);
        var pdf = Assert.Single(drillMail.Attachments.OfType<MimePart>(), a => a.ContentType.MimeType == "application/pdf");
        using var body = new MemoryStream();
        await pdf.Content!.DecodeToAsync(body, TestContext.Current.CancellationToken);

        var reports = Path.Combine(plane.Process.Config.StateDirectory, "reports", plane.Demo);
        var number = Assert.Single(Directory.GetFiles(reports, "*.pdf").Select(f => ReportFiles.NumberOf(Path.GetFileName(f))).OfType<long>());
        var manifest = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(reports, ReportFiles.Manifest(number)), TestContext.Current.CancellationToken))!;
        Assert.Equal(manifest["pdf_sha256"]!.GetValue<string>(), Convert.ToHexStringLower(SHA256.HashData(body.ToArray())));
    }
}
