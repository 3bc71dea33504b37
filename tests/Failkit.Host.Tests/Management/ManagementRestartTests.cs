using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Failkit.Host.Tests.Management;

/// <summary>A second start of the management plane on the same database: the demo tenant is reused, not onboarded
/// again, its plane is started and routed again, and it gets a fresh single-use bootstrap link.</summary>
public sealed class ManagementRestartTests
{
    [Fact]
    public async Task Restart_StartsEveryActivePlaneAgain_AndReusesTheDemoTenant()
    {
        var settings = await ManagementProcess.NewSettingsAsync(("demo" + Guid.NewGuid().ToString("N"))[..12]);
        string firstLink;
        await using (var first = await ManagementProcess.StartAsync(settings))
        {
            firstLink = first.State["tenants"]![settings.DemoSlug]!["bootstrapLink"]!.GetValue<string>();
        }

        await using var second = await ManagementProcess.StartAsync(settings);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(second.Gateway, "health"));
        request.Headers.Host = $"{settings.DemoSlug}.localhost:{settings.PublicPort}";
        using var health = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal("tenant", (await health.Content.ReadFromJsonAsync<JsonObject>())!["role"]!.GetValue<string>());
        Assert.DoesNotContain("onboarded through the tenant-onboarding workflow", second.Output, StringComparison.Ordinal);
        var secondLink = second.State["tenants"]![settings.DemoSlug]!["bootstrapLink"]!.GetValue<string>();
        Assert.NotEqual(firstLink, secondLink);
    }
}
