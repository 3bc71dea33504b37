using Amazon.KeyManagementService;
using Amazon.KeyManagementService.Model;
using Amazon.Runtime;

namespace Failkit.Agent.Crypto;

/// <summary>AWS KMS Encrypt/Decrypt of the data key; credentials come from the SDK's default chain.</summary>
public sealed class AwsKmsWrapper : IKeyWrapper, IDisposable
{
    private readonly AmazonKeyManagementServiceClient _client;
    private readonly string _keyId;

    public AwsKmsWrapper(string keyId, string? endpoint, string? region)
    {
        _keyId = keyId;
        var config = new AmazonKeyManagementServiceConfig { MaxErrorRetry = 2 };
        var regionName = region ?? Environment.GetEnvironmentVariable("AWS_REGION") ?? "us-east-1";
        if (endpoint is not null)
        {
            config.ServiceURL = endpoint;
            config.AuthenticationRegion = regionName;
        }
        else
        {
            config.RegionEndpoint = Amazon.RegionEndpoint.GetBySystemName(regionName);
        }

        _client = new AmazonKeyManagementServiceClient(config);
    }

    public string Provider => "aws-kms";

    public async Task<WrappedKey> WrapAsync(byte[] dataKey, CancellationToken ct)
    {
        try
        {
            using var plain = new MemoryStream(dataKey);
            var response = await _client.EncryptAsync(new EncryptRequest { KeyId = _keyId, Plaintext = plain }, ct);
            return new WrappedKey(Provider, response.KeyId ?? _keyId, Convert.ToBase64String(response.CiphertextBlob.ToArray()));
        }
        catch (AmazonServiceException ex)
        {
            throw Explain(ex, _keyId);
        }
    }

    public async Task<byte[]> UnwrapAsync(WrappedKey key, CancellationToken ct)
    {
        try
        {
            using var blob = new MemoryStream(Convert.FromBase64String(key.Wrapped));
            var response = await _client.DecryptAsync(new DecryptRequest { KeyId = _keyId, CiphertextBlob = blob }, ct);
            return response.Plaintext.ToArray();
        }
        catch (AmazonServiceException ex)
        {
            throw Explain(ex, key.KeyId);
        }
    }

    public void Dispose() => _client.Dispose();

    private static AgentException Explain(AmazonServiceException ex, string keyId) => ex switch
    {
        NotFoundException => new AgentException($"wrong KMS key: AWS KMS key '{keyId}' was not found ({ex.Message})"),
        IncorrectKeyException or InvalidCiphertextException =>
            new AgentException($"wrong KMS key: AWS KMS key '{keyId}' cannot unwrap this data key ({ex.Message})"),
        DisabledException => new AgentException($"AWS KMS key '{keyId}' is disabled"),
        _ => new AgentException($"AWS KMS call for key '{keyId}' failed: {ex.ErrorCode} {ex.InnerException?.Message ?? ex.Message}"),
    };
}
