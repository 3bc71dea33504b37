using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Failkit.Activities.Notifications.Tests.Fixtures;

/// <summary>A real HTTP receiver on 127.0.0.1 that records each request's raw body and signature header and answers
/// with the status the test sets.</summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;

    private WebhookReceiver(WebApplication app) => _app = app;

    public ConcurrentQueue<(string Body, string? Signature, string? DeliveryId)> Received { get; } = new();

    public int Status { get; set; } = 200;

    public Uri Url => new(_app.Urls.First() + "/hook");

    public static async Task<WebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var receiver = new WebhookReceiver(app);
        app.MapPost("/hook", async (HttpContext http) =>
        {
            using var reader = new StreamReader(http.Request.Body);
            var body = await reader.ReadToEndAsync();
            receiver.Received.Enqueue((body, http.Request.Headers[WebhookSignature.HeaderName].ToString(), http.Request.Headers["Failkit-Delivery"].ToString()));
            return Results.StatusCode(receiver.Status);
        });
        await app.StartAsync();
        return receiver;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
