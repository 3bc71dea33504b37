using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Failkit.Orchestration.Tests;

/// <summary>A Kubernetes API server on loopback, as far as the orchestrator uses one: create (POST to the collection,
/// 409 when the name exists, 404 when the namespace does not), get, replace (PUT, 409 on a stale resourceVersion) and
/// delete (deleting a namespace deletes what is in it). It records every call.</summary>
public sealed class FakeKubernetesApi : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, JsonObject> _objects = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _calls = new();
    private int _version;

    private FakeKubernetesApi(WebApplication app) => _app = app;

    public Uri Url { get; private set; } = null!;

    /// <summary>"VERB /path" of every request, in order.</summary>
    public IReadOnlyList<string> Calls => _calls.ToList();

    public IReadOnlyCollection<string> Paths => _objects.Keys.ToList();

    public JsonObject? Get(string path) => _objects.GetValueOrDefault(path);

    public static async Task<FakeKubernetesApi> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var fake = new FakeKubernetesApi(app);
        app.Run(fake.HandleAsync);
        await app.StartAsync();
        var address = app.Urls.First();
        fake.Url = new Uri(address);
        return fake;
    }

    public void ClearCalls() => _calls.Clear();

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private async Task HandleAsync(HttpContext context)
    {
        var method = context.Request.Method;
        var path = context.Request.Path.Value!.TrimEnd('/');
        _calls.Enqueue($"{method} {path}");
        var (status, body) = method switch
        {
            "POST" => Create(path, await ReadAsync(context)),
            "GET" => _objects.TryGetValue(path, out var found) ? (200, found) : Status(404, "NotFound"),
            "PUT" => Replace(path, await ReadAsync(context)),
            "DELETE" => Delete(path),
            _ => Status(405, "MethodNotAllowed"),
        };

        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(body.ToJsonString());
    }

    private (int, JsonObject) Create(string collection, JsonObject body)
    {
        var name = body["metadata"]?["name"]?.GetValue<string>();
        if (string.IsNullOrEmpty(name))
        {
            return Status(422, "Invalid");
        }

        var ns = NamespaceOf(collection);
        if (ns is not null && !_objects.ContainsKey($"/api/v1/namespaces/{ns}"))
        {
            return Status(404, "NotFound");
        }

        body["metadata"]!["resourceVersion"] = Interlocked.Increment(ref _version).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return _objects.TryAdd($"{collection}/{name}", body) ? (201, body) : Status(409, "AlreadyExists");
    }

    private (int, JsonObject) Replace(string path, JsonObject body)
    {
        if (!_objects.TryGetValue(path, out var existing))
        {
            return Status(404, "NotFound");
        }

        var sent = body["metadata"]?["resourceVersion"]?.GetValue<string>();
        if (sent != existing["metadata"]!["resourceVersion"]!.GetValue<string>())
        {
            return Status(409, "Conflict");
        }

        body["metadata"]!["resourceVersion"] = Interlocked.Increment(ref _version).ToString(System.Globalization.CultureInfo.InvariantCulture);
        _objects[path] = body;
        return (200, body);
    }

    private (int, JsonObject) Delete(string path)
    {
        if (!_objects.TryRemove(path, out var removed))
        {
            return Status(404, "NotFound");
        }

        if (path.StartsWith("/api/v1/namespaces/", StringComparison.Ordinal) && NamespaceOf(path) is null)
        {
            var ns = path["/api/v1/namespaces/".Length..];
            foreach (var key in _objects.Keys.Where(k => NamespaceOf(k) == ns))
            {
                _objects.TryRemove(key, out _);
            }
        }

        return (200, removed);
    }

    /// <summary>The namespace of a namespaced path (…/namespaces/{ns}/{kind}[/{name}]), or null for a namespace itself.</summary>
    private static string? NamespaceOf(string path)
    {
        var parts = path.Split('/');
        var i = Array.IndexOf(parts, "namespaces");
        return i >= 0 && parts.Length > i + 2 ? parts[i + 1] : null;
    }

    private static async Task<JsonObject> ReadAsync(HttpContext context) =>
        (JsonNode.Parse(await new StreamReader(context.Request.Body).ReadToEndAsync()) as JsonObject) ?? [];

    private static (int, JsonObject) Status(int code, string reason) => (code, new JsonObject
    {
        ["kind"] = "Status",
        ["apiVersion"] = "v1",
        ["status"] = "Failure",
        ["reason"] = reason,
        ["code"] = code,
        ["message"] = ((HttpStatusCode)code).ToString(),
    });
}
