using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Failkit.Agent.Tests.Fixtures;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Failkit.Agent.Tests.Fakes;

/// <summary>Cloud KMS v1 cryptoKeys :encrypt and :decrypt for known key resource names.</summary>
public sealed class FakeGcpKms : IAsyncDisposable
{
    private readonly Dictionary<string, byte[]> _keys;
    private LoopbackServer? _server;

    private FakeGcpKms(IEnumerable<string> names) => _keys = names.ToDictionary(n => n, _ => RandomNumberGenerator.GetBytes(32));

    public string Url => _server!.Url;

    public static async Task<FakeGcpKms> StartAsync(params string[] names)
    {
        var fake = new FakeGcpKms(names);
        fake._server = await LoopbackServer.StartAsync(app => app.Run(fake.HandleAsync));
        return fake;
    }

    private async Task HandleAsync(HttpContext ctx)
    {
        var path = Uri.UnescapeDataString(ctx.Request.Path.Value!);
        var colon = path.LastIndexOf(':');
        if (ctx.Request.Method != "POST" || !path.StartsWith("/v1/", StringComparison.Ordinal) || colon < 0)
        {
            await Reply(ctx, 400, Error(400, "bad request", "INVALID_ARGUMENT"));
            return;
        }

        if (ctx.Request.Headers.Authorization != $"Bearer {TestEnvironment.GcpToken}")
        {
            await Reply(ctx, 401, Error(401, "missing credentials", "UNAUTHENTICATED"));
            return;
        }

        var name = path[4..colon];
        if (!_keys.TryGetValue(name, out var key))
        {
            await Reply(ctx, 404, Error(404, $"CryptoKey {name} not found.", "NOT_FOUND"));
            return;
        }

        var body = (await ctx.Request.ReadFromJsonAsync<JsonObject>())!;
        var reply = path[(colon + 1)..] switch
        {
            "encrypt" => new JsonObject
            {
                ["name"] = name + "/cryptoKeyVersions/1",
                ["ciphertext"] = Convert.ToBase64String(FakeAwsKms.Seal(key, Convert.FromBase64String(body["plaintext"]!.GetValue<string>()))),
            },
            "decrypt" => new JsonObject { ["plaintext"] = Convert.ToBase64String(FakeAwsKms.Open(key, Convert.FromBase64String(body["ciphertext"]!.GetValue<string>()))) },
            _ => Error(400, "unknown method", "INVALID_ARGUMENT"),
        };
        await Reply(ctx, reply.ContainsKey("error") ? 400 : 200, reply);
    }

    private static JsonObject Error(int code, string message, string status) =>
        new() { ["error"] = new JsonObject { ["code"] = code, ["message"] = message, ["status"] = status } };

    private static async Task Reply(HttpContext ctx, int status, JsonObject body)
    {
        ctx.Response.StatusCode = status;
        await ctx.Response.WriteAsJsonAsync(body);
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
