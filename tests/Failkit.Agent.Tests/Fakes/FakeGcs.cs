using System.Collections.Concurrent;
using System.IO.Compression;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Failkit.Agent.Tests.Fakes;

/// <summary>
/// The slice of the GCS JSON API that Google.Cloud.Storage.V1 uses for the agent: bucket get,
/// resumable upload, alt=media download and prefix listing. It counts completed uploads per object.
/// </summary>
public sealed class FakeGcs : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, byte[]> _objects = new();
    private readonly ConcurrentDictionary<string, string> _sessions = new();
    private readonly HashSet<string> _buckets;
    private LoopbackServer? _server;

    private FakeGcs(params string[] buckets) => _buckets = [.. buckets];

    public ConcurrentDictionary<string, int> UploadCounts { get; } = new();

    public string Url => _server!.Url;

    public static async Task<FakeGcs> StartAsync(params string[] buckets)
    {
        var fake = new FakeGcs(buckets);
        fake._server = await LoopbackServer.StartAsync(app => app.Run(fake.HandleAsync));
        return fake;
    }

    public IEnumerable<string> Keys(string bucket) =>
        _objects.Keys.Where(k => k.StartsWith(bucket + "/", StringComparison.Ordinal)).Select(k => k[(bucket.Length + 1)..]);

    private async Task HandleAsync(HttpContext ctx)
    {
        // The raw target keeps %2F inside object names, which the decoded path would turn into '/'.
        var raw = ctx.Features.GetRequiredFeature<IHttpRequestFeature>().RawTarget;
        var path = raw.Split('?')[0];
        var segments = path.Trim('/').Split('/').Select(Uri.UnescapeDataString).ToArray();
        var query = ctx.Request.Query;
        if (segments is ["storage", "v1", "b", var requested, ..] && !_buckets.Contains(requested))
        {
            await NotFound(ctx, "The specified bucket does not exist.");
            return;
        }

        switch (ctx.Request.Method, segments)
        {
            case ("GET", ["storage", "v1", "b", var bucket]):
                await ctx.Response.WriteAsJsonAsync(new { kind = "storage#bucket", name = bucket, id = bucket });
                return;
            case ("GET", ["storage", "v1", "b", var bucket, "o"]):
                await ListAsync(ctx, bucket, query["prefix"].ToString());
                return;
            case ("GET", ["storage", "v1", "b", var bucket, "o", var name]):
                if (!_objects.TryGetValue($"{bucket}/{name}", out var data))
                {
                    await NotFound(ctx, "No such object");
                    return;
                }

                if (query["alt"] == "media")
                {
                    ctx.Response.ContentType = "application/octet-stream";
                    await ctx.Response.Body.WriteAsync(data);
                    return;
                }

                await ctx.Response.WriteAsJsonAsync(Describe(bucket, name, data));
                return;
            case ("POST", ["upload", "storage", "v1", "b", var bucket, "o"]) when query["uploadType"] == "resumable":
                var id = Guid.NewGuid().ToString("N");
                _sessions[id] = $"{bucket}/{await ObjectNameAsync(ctx)}";
                ctx.Response.Headers.Location = $"{_server!.Url}/upload/storage/v1/b/{bucket}/o?uploadType=resumable&upload_id={id}";
                return;
            case ("PUT", ["upload", "storage", "v1", "b", _, "o"]) when _sessions.TryGetValue(query["upload_id"].ToString(), out var key):
                using (var body = new MemoryStream())
                {
                    // A client killed mid-body makes this read throw, so a torn upload is never stored.
                    await ctx.Request.Body.CopyToAsync(body);
                    _objects[key] = body.ToArray();
                }

                UploadCounts.AddOrUpdate(key, 1, (_, n) => n + 1);
                var slash = key.IndexOf('/', StringComparison.Ordinal);
                await ctx.Response.WriteAsJsonAsync(Describe(key[..slash], key[(slash + 1)..], _objects[key]));
                return;
            default:
                ctx.Response.StatusCode = 400;
                await ctx.Response.WriteAsync($"fake GCS does not handle {ctx.Request.Method} {raw}");
                return;
        }
    }

    private async Task ListAsync(HttpContext ctx, string bucket, string prefix)
    {
        var items = new JsonArray();
        foreach (var name in Keys(bucket).Where(k => k.StartsWith(prefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            items.Add(Describe(bucket, name, _objects[$"{bucket}/{name}"]));
        }

        await ctx.Response.WriteAsJsonAsync(new JsonObject { ["kind"] = "storage#objects", ["items"] = items });
    }

    private static async Task<string> ObjectNameAsync(HttpContext ctx)
    {
        if (ctx.Request.Query["name"] is { Count: > 0 } name)
        {
            return name.ToString();
        }

        // The client gzips the metadata body of the resumable session request.
        Stream body = ctx.Request.Headers.ContentEncoding == "gzip" ? new GZipStream(ctx.Request.Body, CompressionMode.Decompress) : ctx.Request.Body;
        var json = await JsonSerializer.DeserializeAsync<JsonObject>(body);
        return json!["name"]!.GetValue<string>();
    }

    private static JsonObject Describe(string bucket, string name, byte[] data) => new()
    {
        ["kind"] = "storage#object",
        ["bucket"] = bucket,
        ["name"] = name,
        ["size"] = data.Length.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    private static async Task NotFound(HttpContext ctx, string message)
    {
        ctx.Response.StatusCode = 404;
        await ctx.Response.WriteAsJsonAsync(new { error = new { code = 404, message, errors = new[] { new { message, domain = "global", reason = "notFound" } } } });
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
