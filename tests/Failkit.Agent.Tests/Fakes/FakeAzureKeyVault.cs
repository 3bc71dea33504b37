using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Failkit.Agent.Tests.Fixtures;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Failkit.Agent.Tests.Fakes;

/// <summary>Key Vault wrapkey/unwrapkey (RSA-OAEP-256, api-version 7.4) for named RSA keys with one version each.</summary>
public sealed class FakeAzureKeyVault : IAsyncDisposable
{
    private const string Version = "0123456789abcdef";
    private readonly Dictionary<string, RSA> _keys;
    private LoopbackServer? _server;

    private FakeAzureKeyVault(IEnumerable<string> names) => _keys = names.ToDictionary(n => n, _ => RSA.Create(2048));

    public string Url => _server!.Url;

    public static async Task<FakeAzureKeyVault> StartAsync(params string[] names)
    {
        var fake = new FakeAzureKeyVault(names);
        fake._server = await LoopbackServer.StartAsync(app =>
        {
            app.MapPost("/keys/{name}/{op}", (HttpContext ctx, string name, string op) => fake.HandleAsync(ctx, name, null, op));
            app.MapPost("/keys/{name}/{version}/{op}", (HttpContext ctx, string name, string version, string op) => fake.HandleAsync(ctx, name, version, op));
        });
        return fake;
    }

    private async Task<IResult> HandleAsync(HttpContext ctx, string name, string? version, string op)
    {
        if (ctx.Request.Headers.Authorization != $"Bearer {TestEnvironment.KeyVaultToken}")
        {
            return Results.Json(Error("Unauthorized", "no valid bearer token"), statusCode: 401);
        }

        if (ctx.Request.Query["api-version"] != "7.4")
        {
            return Results.Json(Error("BadParameter", "api-version"), statusCode: 400);
        }

        if (!_keys.TryGetValue(name, out var rsa) || (version is not null && version != Version))
        {
            return Results.Json(Error("KeyNotFound", $"A key with (name/id) {name} was not found in this key vault."), statusCode: 404);
        }

        var body = (await ctx.Request.ReadFromJsonAsync<JsonObject>())!;
        var value = Base64Url.DecodeFromChars(body["value"]!.GetValue<string>());
        var result = op switch
        {
            "wrapkey" => rsa.Encrypt(value, RSAEncryptionPadding.OaepSHA256),
            "unwrapkey" => rsa.Decrypt(value, RSAEncryptionPadding.OaepSHA256),
            _ => null,
        };
        return result is null
            ? Results.Json(Error("BadParameter", op), statusCode: 400)
            : Results.Json(new JsonObject { ["kid"] = $"{Url}/keys/{name}/{Version}", ["value"] = Base64Url.EncodeToString(result) });
    }

    private static JsonObject Error(string code, string message) => new() { ["error"] = new JsonObject { ["code"] = code, ["message"] = message } };

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        foreach (var key in _keys.Values)
        {
            key.Dispose();
        }
    }
}
