using System.Net.Http.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Failkit.Gateway.Tests;

/// <summary>A plane on loopback that answers every request with its own name and what it was sent.</summary>
public sealed class FakePlane : IAsyncDisposable
{
    private readonly WebApplication _app;

    private FakePlane(WebApplication app, Uri url)
    {
        _app = app;
        Url = url;
    }

    public Uri Url { get; }

    public static async Task<FakePlane> StartAsync(string name)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.Run(context => context.Response.WriteAsJsonAsync(new Echo(
            name,
            context.Request.Path + context.Request.QueryString,
            context.Request.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value.ToString(), StringComparer.Ordinal))));
        await app.StartAsync();
        return new FakePlane(app, new Uri(app.Urls.First() + "/"));
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    public sealed record Echo(string Name, string Path, Dictionary<string, string> Headers)
    {
        public string? Header(string name) => Headers.GetValueOrDefault(name.ToLowerInvariant());

        public static async Task<Echo> ReadAsync(HttpResponseMessage response) =>
            (await response.Content.ReadFromJsonAsync<Echo>())!;
    }
}
