using System.Collections.Concurrent;
using System.Net;
using Failkit.Tenancy;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Failkit.Identity.Tests.Fixtures;

/// <summary>The management plane's redeem route as docs/decisions/planes-internal-api.md describes it, on a real
/// Kestrel socket on 127.0.0.1: plane key, single use, expiry, tenant binding. It records every request so tests can
/// check what the tenant plane sent.</summary>
public sealed class FakeManagementPlane : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, Token> _tokens = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    private FakeManagementPlane(WebApplication app, Uri url)
    {
        _app = app;
        Url = url;
    }

    public Uri Url { get; }

    public ConcurrentQueue<(string Path, string? Authorization, string Body)> Requests { get; } = new();

    /// <summary>What the next answers are; null = the real rules.</summary>
    public int? ForcedStatus { get; set; }

    public static async Task<FakeManagementPlane> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        FakeManagementPlane? self = null;
        app.MapPost("/internal/planes/{slug}/bootstrap-tokens/redeem", (string slug, HttpContext http) => self!.RedeemAsync(slug, http));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        self = new FakeManagementPlane(app, new Uri(address));
        return self;
    }

    /// <summary>Mints a token for <paramref name="slug"/>'s tenant, valid for <paramref name="lifetime"/>.</summary>
    public string Mint(string slug, TimeSpan? lifetime = null)
    {
        var token = Guid.NewGuid().ToString("N");
        _tokens[token] = new Token(slug, DateTimeOffset.UtcNow + (lifetime ?? TimeSpan.FromMinutes(5)));
        return token;
    }

    private async Task<IResult> RedeemAsync(string slug, HttpContext http)
    {
        var body = await new StreamReader(http.Request.Body).ReadToEndAsync();
        Requests.Enqueue((http.Request.Path, http.Request.Headers.Authorization.ToString(), body));
        if (ForcedStatus is { } forced)
        {
            return Results.StatusCode(forced);
        }

        if (PlaneKeys.FromAuthorizationHeader(http.Request.Headers.Authorization) != TenantPlane.PlaneKey)
        {
            return Results.Problem(statusCode: 401, title: "Plane key required");
        }

        var token = System.Text.Json.JsonDocument.Parse(body).RootElement.GetProperty("token").GetString() ?? "";
        // A little latency widens the window in which concurrent redemptions overlap.
        await Task.Delay(50);
        lock (_gate)
        {
            if (!_tokens.TryGetValue(token, out var t))
            {
                return Refused("Unknown");
            }

            if (t.Slug != slug)
            {
                return Refused("WrongTenant");
            }

            if (t.Used)
            {
                return Refused("Used");
            }

            if (t.ExpiresAt <= DateTimeOffset.UtcNow)
            {
                return Refused("Expired");
            }

            t.Used = true;
            return Results.Ok(new { tenantId = "id-" + slug });
        }
    }

    private static IResult Refused(string failure) =>
        Results.Problem(statusCode: 409, title: "The token cannot be redeemed.", extensions: new Dictionary<string, object?> { ["failure"] = failure });

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private sealed class Token(string slug, DateTimeOffset expiresAt)
    {
        public string Slug { get; } = slug;

        public DateTimeOffset ExpiresAt { get; } = expiresAt;

        public bool Used { get; set; }
    }
}
