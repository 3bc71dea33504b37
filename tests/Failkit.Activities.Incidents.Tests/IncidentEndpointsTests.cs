using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Failkit.Activities.Incidents.Tests.Fixtures;
using Failkit.Management;
using Failkit.Testing;

namespace Failkit.Activities.Incidents.Tests;

public sealed class IncidentEndpointsTests
{
    private static readonly string[] NoSuchTenant = ["nosuch"];

    [Fact]
    public async Task OpenIncident_ByAnOperator_StartsTheWorkflow_OthersAreRefused_AndBadInputIsAProblem()
    {
        await using var maildev = await Maildev.StartAsync();
        await using var host = await IncidentHost.StartAsync(maildev);
        await host.TenantsAsync(["alpha", "beta"]);
        await using var api = await IncidentApi.StartAsync(host);
        var body = new { title = "Key exposure", severity = "high", affectedTenants = new[] { "alpha" }, whatHappened = "A key leaked.", confirmedAt = host.Time.GetUtcNow() };

        using var anonymous = api.Client();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync("api/incidents", body)).StatusCode);
        using var other = api.Client("tenant-admin");
        Assert.Equal(HttpStatusCode.Forbidden, (await other.PostAsJsonAsync("api/incidents", body)).StatusCode);
        using var ops = api.Client(ManagementAuthorization.PlatformOperatorRole);
        var bad = await ops.PostAsJsonAsync("api/incidents", body with { affectedTenants = NoSuchTenant, severity = "dire" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal("application/problem+json", bad.Content.Headers.ContentType?.MediaType);
        var problem = (await bad.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject();
        Assert.True(problem.ContainsKey("affectedTenants") && problem.ContainsKey("severity"));

        var created = await ops.PostAsJsonAsync("api/incidents", body);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var view = (await created.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal(host.Time.GetUtcNow().AddHours(24), view["notificationDeadline"]!.GetValue<DateTimeOffset>());
        await host.Engine.DrainAsync();
        var fetched = (await ops.GetFromJsonAsync<JsonObject>($"api/incidents/{view["id"]}"))!;
        Assert.True(fetched["notifiedInTime"]!.GetValue<bool>());
        Assert.Equal("owner@alpha.test", fetched["recipients"]![0]!["email"]!.GetValue<string>());
    }

    [Fact]
    public async Task StatusPage_ListsTitleAndStateButNeverATenant()
    {
        await using var maildev = await Maildev.StartAsync();
        await using var host = await IncidentHost.StartAsync(maildev);
        await host.TenantsAsync(["alpha", "beta"]);
        await using var api = await IncidentApi.StartAsync(host);
        await host.OpenAsync(host.Time.GetUtcNow(), "alpha", "beta");
        using var anonymous = api.Client();

        var json = await anonymous.GetStringAsync("status.json");
        var html = await anonymous.GetStringAsync("status");

        var report = JsonNode.Parse(json)!;
        Assert.Equal("incident", report["status"]!.GetValue<string>());
        Assert.Equal("Credential exposure in backup index", report["incidents"]![0]!["title"]!.GetValue<string>());
        Assert.Equal("open", report["incidents"]![0]!["state"]!.GetValue<string>());
        Assert.NotEmpty(report["incidents"]![0]!["updates"]!.AsArray());
        foreach (var text in new[] { json, html })
        {
            Assert.DoesNotContain("alpha", text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("beta", text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("@", text, StringComparison.Ordinal);
        }

        Assert.Contains("<html lang=\"en\">", html, StringComparison.Ordinal);
        Assert.Contains("Credential exposure in backup index", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AcknowledgeLink_ShowsAButton_OnlyThePostRecords_AndAForgedTokenIsNotFound()
    {
        await using var maildev = await Maildev.StartAsync();
        await using var host = await IncidentHost.StartAsync(maildev);
        await host.TenantsAsync(["alpha"]);
        await using var api = await IncidentApi.StartAsync(host);
        var incident = await host.OpenAsync(host.Time.GetUtcNow(), "alpha");
        var mail = Assert.Single(await maildev.WaitForEmailsAsync(e => e["subject"]!.GetValue<string>().StartsWith("Security incident notice", StringComparison.Ordinal)));
        var link = new Uri(System.Text.RegularExpressions.Regex.Match(mail["text"]!.GetValue<string>(), @"http://failkit\.test:5080/\S+").Value);
        using var anonymous = api.Client();

        var page = await anonymous.GetStringAsync(link.PathAndQuery);
        Assert.Contains("<form method=\"post\"", page, StringComparison.Ordinal);
        Assert.Null((await host.Get<Failkit.Management.Incidents.IncidentStore>().TenantsAsync(incident.Id, CancellationToken.None))[0].AcknowledgedAt);

        var forged = link.PathAndQuery[..(link.PathAndQuery.IndexOf("token=", StringComparison.Ordinal) + 6)] + "AAAA";
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.PostAsync(forged, null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.PostAsync(link.PathAndQuery, null)).StatusCode);

        var tenant = (await host.Get<Failkit.Management.Incidents.IncidentStore>().TenantsAsync(incident.Id, CancellationToken.None))[0];
        Assert.Equal("owner@alpha.test", tenant.AcknowledgedBy);
    }
}
