using System.Text.Json.Nodes;
using Google.Apis.Auth.OAuth2;

namespace Failkit.Agent.Crypto;

/// <summary>
/// Cloud KMS encrypt/decrypt over REST (the mirror has no Cloud KMS client library). The token is
/// GOOGLE_OAUTH_ACCESS_TOKEN when set, otherwise Application Default Credentials.
/// </summary>
public sealed class GcpKmsWrapper(string keyName, Uri endpoint, HttpClient http) : IKeyWrapper
{
    public string Provider => "gcp-kms";

    public async Task<WrappedKey> WrapAsync(byte[] dataKey, CancellationToken ct)
    {
        var body = new JsonObject { ["plaintext"] = Convert.ToBase64String(dataKey) };
        var result = await RestKms.PostAsync(http, new Uri(endpoint, $"v1/{keyName}:encrypt"), await TokenAsync(ct), body, $"Cloud KMS encrypt with '{keyName}'", ct);
        return new WrappedKey(Provider, keyName, RestKms.Required(result, "ciphertext", "Cloud KMS encrypt"));
    }

    public async Task<byte[]> UnwrapAsync(WrappedKey key, CancellationToken ct)
    {
        if (key.KeyId != keyName)
        {
            throw new AgentException($"wrong KMS key: the data key was wrapped by '{key.KeyId}', the disk is configured with '{keyName}'");
        }

        var body = new JsonObject { ["ciphertext"] = key.Wrapped };
        var result = await RestKms.PostAsync(http, new Uri(endpoint, $"v1/{keyName}:decrypt"), await TokenAsync(ct), body, $"Cloud KMS decrypt with '{keyName}'", ct);
        return Convert.FromBase64String(RestKms.Required(result, "plaintext", "Cloud KMS decrypt"));
    }

    private static async Task<string> TokenAsync(CancellationToken ct)
    {
        if (Environment.GetEnvironmentVariable("GOOGLE_OAUTH_ACCESS_TOKEN") is { Length: > 0 } token)
        {
            return token;
        }

        try
        {
            var credential = (await GoogleCredential.GetApplicationDefaultAsync(ct)).CreateScoped("https://www.googleapis.com/auth/cloudkms");
            return await credential.UnderlyingCredential.GetAccessTokenForRequestAsync(cancellationToken: ct);
        }
        catch (InvalidOperationException ex)
        {
            throw new AgentException($"no Google credentials for Cloud KMS: set GOOGLE_OAUTH_ACCESS_TOKEN or GOOGLE_APPLICATION_CREDENTIALS ({ex.Message})");
        }
    }
}
