using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Failkit.Activities.Notifications;
using Failkit.Identity.Tests.Fixtures;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Failkit.Identity.Tests.Incidents;

/// <summary>A tenant's webhooks on the real plane: the secret shown once, private addresses refused at create, and
/// the incident notice signed by this plane and verified by a real receiver on 127.0.0.1.</summary>
public sealed class TenantWebhooksTests
{
    private static readonly string[] Siem = ["siem"];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task CreatedWebhook_ShowsItsSecretOnce_AndReceivesSignedTestAndIncidentEvents()
    {
        await using var plane = await TenantPlane.StartAsync("wh", settings: new Dictionary<string, string?> { ["Failkit:Notifications:Webhooks:AllowLoopback"] = "true" });
        await using var receiver = await Receiver.StartAsync();
        var (clientId, clientSecret, _) = await Tokens.CreateClientAsync(plane, Roles.Admin);
        using var admin = Tokens.Bearer(plane, await Tokens.AccessTokenAsync(plane, clientId, clientSecret));

        using var created = await admin.PostAsJsonAsync("/api/settings/webhooks", new { name = "siem", url = receiver.Url }, Ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = (await created.Content.ReadFromJsonAsync<JsonObject>(Ct))!;
        var secret = body["secret"]!.GetValue<string>();
        var id = body["id"]!.GetValue<Guid>();
        var listed = await admin.GetStringAsync("/api/settings/webhooks", Ct);
        Assert.Contains(id.ToString(), listed, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, listed, StringComparison.Ordinal);

        var test = (await (await admin.PostAsync($"/api/settings/webhooks/{id}/test", null, Ct)).Content.ReadFromJsonAsync<JsonObject>(Ct))!;
        Assert.True(test["delivered"]!.GetValue<bool>());
        var incidentId = Guid.NewGuid();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/internal/incidents/webhooks")
        {
            Content = JsonContent.Create(new { incidentId, kind = "incident.notified", title = "Key exposure", severity = "high", state = "open", message = "m", at = DateTimeOffset.UtcNow }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("PlaneKey", TenantPlane.PlaneKey);
        using var anonymous = plane.Anonymous();
        using var delivered = await anonymous.SendAsync(request, Ct);
        var outcomes = (await delivered.EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonArray>(Ct))!;

        Assert.True(Assert.Single(outcomes)!["delivered"]!.GetValue<bool>());
        Assert.Equal(2, receiver.Received.Count);
        Assert.All(receiver.Received, r => Assert.True(WebhookSignature.Verify(secret, r.Signature, r.Body, DateTimeOffset.UtcNow)));
        Assert.Contains(receiver.Received, r => r.Body.Contains(incidentId.ToString(), StringComparison.Ordinal));
        using var again = await admin.PostAsJsonAsync("/api/settings/webhooks", new { name = "siem", url = receiver.Url }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        Assert.Contains("unique", await again.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);

        // A retry names the webhooks that already took the event; the plane posts to none of them again.
        using var retry = new HttpRequestMessage(HttpMethod.Post, "/internal/incidents/webhooks")
        {
            Content = JsonContent.Create(new { incidentId, kind = "incident.notified", title = "Key exposure", severity = "high", state = "open", message = "m", at = DateTimeOffset.UtcNow, skipWebhooks = Siem }),
        };
        retry.Headers.Authorization = new AuthenticationHeaderValue("PlaneKey", TenantPlane.PlaneKey);
        using var skipped = await anonymous.SendAsync(retry, Ct);
        Assert.Empty((await skipped.EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonArray>(Ct))!);
        Assert.Equal(2, receiver.Received.Count);

        var audit = await admin.GetStringAsync("/api/audit-events?kind=webhook.created", Ct);
        Assert.Contains(id.ToString(), audit, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, audit, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateWebhook_ToAPrivateAddress_IsRefused()
    {
        await using var plane = await TenantPlane.StartAsync("wh");
        // API clients cannot hold the owner role; admin is the other role the routes admit.
        var (clientId, clientSecret, _) = await Tokens.CreateClientAsync(plane, Roles.Admin);
        using var owner = Tokens.Bearer(plane, await Tokens.AccessTokenAsync(plane, clientId, clientSecret));

        using var refused = await owner.PostAsJsonAsync("/api/settings/webhooks", new { name = "lan", url = "http://10.1.2.3/hook" }, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("private", await refused.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal("[]", (await owner.GetStringAsync("/api/settings/webhooks", Ct)).Trim());
    }

    private sealed class Receiver : IAsyncDisposable
    {
        private readonly WebApplication _app;

        private Receiver(WebApplication app) => _app = app;

        public ConcurrentQueue<(string Body, string? Signature)> Received { get; } = new();

        public Uri Url => new(_app.Urls.First() + "/hook");

        public static async Task<Receiver> StartAsync()
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.Logging.ClearProviders();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            var app = builder.Build();
            var receiver = new Receiver(app);
            app.MapPost("/hook", async (HttpContext http) =>
            {
                using var reader = new StreamReader(http.Request.Body);
                receiver.Received.Enqueue((await reader.ReadToEndAsync(), http.Request.Headers[WebhookSignature.HeaderName].ToString()));
                return Results.Ok();
            });
            await app.StartAsync();
            return receiver;
        }

        public async ValueTask DisposeAsync() => await _app.DisposeAsync();
    }
}
