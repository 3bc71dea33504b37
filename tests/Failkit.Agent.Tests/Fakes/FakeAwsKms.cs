using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Failkit.Agent.Tests.Fakes;

/// <summary>AWS KMS Encrypt/Decrypt over awsJson1.1 (POST /, X-Amz-Target: TrentService.*), with known key ids only.</summary>
public sealed class FakeAwsKms : IAsyncDisposable
{
    private readonly Dictionary<string, byte[]> _keys;
    private LoopbackServer? _server;

    private FakeAwsKms(IEnumerable<string> keyIds) => _keys = keyIds.ToDictionary(k => k, _ => RandomNumberGenerator.GetBytes(32));

    public string Url => _server!.Url;

    public int Calls { get; private set; }

    public static async Task<FakeAwsKms> StartAsync(params string[] keyIds)
    {
        var fake = new FakeAwsKms(keyIds);
        fake._server = await LoopbackServer.StartAsync(app => app.MapPost("/", fake.HandleAsync));
        return fake;
    }

    private async Task HandleAsync(HttpContext ctx)
    {
        Calls++;
        // The SDK sends application/x-amz-json-1.1, which the JSON body helpers refuse, so parse the stream.
        var body = (await System.Text.Json.JsonSerializer.DeserializeAsync<JsonObject>(ctx.Request.Body))!;
        var target = ctx.Request.Headers["X-Amz-Target"].ToString();
        ctx.Response.ContentType = "application/x-amz-json-1.1";
        if (target == "TrentService.Encrypt")
        {
            var keyId = body["KeyId"]!.GetValue<string>();
            if (!_keys.TryGetValue(keyId, out var secret))
            {
                await Error(ctx, "NotFoundException", $"Key '{keyId}' does not exist");
                return;
            }

            var id = Encoding.UTF8.GetBytes(keyId);
            var sealedKey = Seal(secret, Convert.FromBase64String(body["Plaintext"]!.GetValue<string>()));
            var blob = new byte[] { (byte)id.Length }.Concat(id).Concat(sealedKey).ToArray();
            await ctx.Response.WriteAsync(new JsonObject { ["CiphertextBlob"] = Convert.ToBase64String(blob), ["KeyId"] = keyId }.ToJsonString());
        }
        else if (target == "TrentService.Decrypt")
        {
            var blob = Convert.FromBase64String(body["CiphertextBlob"]!.GetValue<string>());
            var keyId = Encoding.UTF8.GetString(blob, 1, blob[0]);
            if (body["KeyId"]?.GetValue<string>() is { } requested && requested != keyId)
            {
                await Error(ctx, "IncorrectKeyException", "The key ID in the request does not identify the key used to encrypt the ciphertext.");
                return;
            }

            var plain = Open(_keys[keyId], blob.AsSpan(1 + blob[0]));
            await ctx.Response.WriteAsync(new JsonObject { ["Plaintext"] = Convert.ToBase64String(plain), ["KeyId"] = keyId }.ToJsonString());
        }
        else
        {
            await Error(ctx, "UnknownOperationException", target);
        }
    }

    private static async Task Error(HttpContext ctx, string type, string message)
    {
        ctx.Response.StatusCode = 400;
        await ctx.Response.WriteAsync(new JsonObject { ["__type"] = type, ["message"] = message }.ToJsonString());
    }

    internal static byte[] Seal(byte[] key, byte[] plain)
    {
        var output = new byte[12 + plain.Length + 16];
        RandomNumberGenerator.Fill(output.AsSpan(0, 12));
        using var aes = new AesGcm(key, 16);
        aes.Encrypt(output.AsSpan(0, 12), plain, output.AsSpan(12, plain.Length), output.AsSpan(12 + plain.Length), null);
        return output;
    }

    internal static byte[] Open(byte[] key, ReadOnlySpan<byte> sealedKey)
    {
        var plain = new byte[sealedKey.Length - 28];
        using var aes = new AesGcm(key, 16);
        aes.Decrypt(sealedKey[..12], sealedKey.Slice(12, plain.Length), sealedKey[(12 + plain.Length)..], plain, null);
        return plain;
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
