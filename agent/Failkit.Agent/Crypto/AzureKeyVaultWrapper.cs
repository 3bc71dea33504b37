using System.Buffers.Text;
using System.Text.Json.Nodes;

namespace Failkit.Agent.Crypto;

/// <summary>
/// Azure Key Vault wrapkey/unwrapkey (RSA-OAEP-256) over REST. The access token comes from
/// AZURE_KEYVAULT_TOKEN because the agent ships no Azure identity library; a managed identity
/// sidecar or `az account get-access-token --resource https://vault.azure.net` provides it.
/// </summary>
public sealed class AzureKeyVaultWrapper(string keyUrl, HttpClient http) : IKeyWrapper
{
    private const string ApiVersion = "7.4";

    public string Provider => "azure-kv";

    public async Task<WrappedKey> WrapAsync(byte[] dataKey, CancellationToken ct)
    {
        var body = new JsonObject { ["alg"] = "RSA-OAEP-256", ["value"] = Base64Url.EncodeToString(dataKey) };
        var result = await RestKms.PostAsync(http, Operation(keyUrl, "wrapkey"), Token(), body, $"Key Vault wrap with '{keyUrl}'", ct);
        var kid = RestKms.Required(result, "kid", "Key Vault wrap");
        return new WrappedKey(Provider, kid, RestKms.Required(result, "value", "Key Vault wrap"));
    }

    public async Task<byte[]> UnwrapAsync(WrappedKey key, CancellationToken ct)
    {
        // Unwrap must use the exact key version that wrapped, which the kid records.
        var body = new JsonObject { ["alg"] = "RSA-OAEP-256", ["value"] = key.Wrapped };
        var result = await RestKms.PostAsync(http, Operation(key.KeyId, "unwrapkey"), Token(), body, $"Key Vault unwrap with '{key.KeyId}'", ct);
        return Base64Url.DecodeFromChars(RestKms.Required(result, "value", "Key Vault unwrap"));
    }

    private static Uri Operation(string keyUrl, string op) => new($"{keyUrl.TrimEnd('/')}/{op}?api-version={ApiVersion}");

    private static string Token() =>
        Environment.GetEnvironmentVariable("AZURE_KEYVAULT_TOKEN") is { Length: > 0 } token
            ? token
            : throw new AgentException("set AZURE_KEYVAULT_TOKEN to a Key Vault access token (az account get-access-token --resource https://vault.azure.net)");
}
