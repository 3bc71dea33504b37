using System.Net;
using Google;
using Google.Cloud.Storage.V1;

namespace Failkit.Agent.Targets;

/// <summary>
/// A Google Cloud Storage bucket. With an explicit endpoint (an emulator or a private gateway) the
/// client runs unauthenticated; otherwise it uses Application Default Credentials.
/// </summary>
public sealed class GcsTarget : ITarget
{
    private readonly StorageClient _client;
    private readonly string _bucket;
    private readonly string _prefix;

    public GcsTarget(string bucket, string prefix, string? endpoint)
    {
        _bucket = bucket;
        _prefix = prefix;
        try
        {
            _client = endpoint is null
                ? StorageClient.Create()
                : new StorageClientBuilder { BaseUri = endpoint.TrimEnd('/') + "/storage/v1/", UnauthenticatedAccess = true }.Build();
        }
        catch (InvalidOperationException ex)
        {
            throw new AgentException($"no Google credentials for bucket '{bucket}': {ex.Message}");
        }
    }

    public string Description => $"gcs://{_bucket}/{_prefix}";

    public async Task EnsureReadyAsync(CancellationToken ct)
    {
        try
        {
            await _client.GetBucketAsync(_bucket, cancellationToken: ct);
        }
        catch (GoogleApiException ex) when (ex.HttpStatusCode == HttpStatusCode.NotFound)
        {
            throw new AgentException($"bucket '{_bucket}' does not exist");
        }
        catch (GoogleApiException ex)
        {
            throw new AgentException($"cannot reach bucket '{_bucket}': {(int)ex.HttpStatusCode} {ex.Message}");
        }
        catch (HttpRequestException ex)
        {
            throw new AgentException($"cannot reach the GCS endpoint for bucket '{_bucket}': {ex.Message}");
        }
    }

    public async Task PutAsync(string key, ReadOnlyMemory<byte> data, CancellationToken ct)
    {
        using var body = ObjectStreams.Of(data);
        await _client.UploadObjectAsync(_bucket, _prefix + key, "application/octet-stream", body, cancellationToken: ct);
    }

    public async Task<byte[]?> GetAsync(string key, CancellationToken ct)
    {
        try
        {
            using var buffer = new MemoryStream();
            await _client.DownloadObjectAsync(_bucket, _prefix + key, buffer, cancellationToken: ct);
            return buffer.ToArray();
        }
        catch (GoogleApiException ex) when (ex.HttpStatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    public async Task<IReadOnlyList<string>> ListAsync(string prefix, CancellationToken ct)
    {
        var keys = new List<string>();
        await foreach (var item in _client.ListObjectsAsync(_bucket, _prefix + prefix).WithCancellation(ct))
        {
            keys.Add(item.Name[_prefix.Length..]);
        }

        return keys;
    }

    public void Dispose() => _client.Dispose();
}
