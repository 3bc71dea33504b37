using Azure;
using Azure.Storage.Blobs;

namespace Failkit.Agent.Targets;

/// <summary>An Azure Blob container; the account comes from AZURE_STORAGE_CONNECTION_STRING.</summary>
public sealed class AzureBlobTarget : ITarget
{
    private readonly BlobContainerClient _container;
    private readonly string _prefix;

    public AzureBlobTarget(string container, string prefix)
    {
        var connection = Environment.GetEnvironmentVariable("AZURE_STORAGE_CONNECTION_STRING");
        if (string.IsNullOrEmpty(connection))
        {
            throw new AgentException("set AZURE_STORAGE_CONNECTION_STRING for the Azure Blob target");
        }

        var options = new BlobClientOptions();
        options.Retry.MaxRetries = 2;
        options.Retry.Delay = TimeSpan.FromMilliseconds(200);
        _container = new BlobContainerClient(connection, container, options);
        _prefix = prefix;
    }

    public string Description => $"azure:{_container.Name}/{_prefix}";

    public async Task EnsureReadyAsync(CancellationToken ct)
    {
        bool exists;
        try
        {
            exists = await _container.ExistsAsync(ct);
        }
        catch (RequestFailedException ex)
        {
            throw new AgentException($"cannot reach container '{_container.Name}': {ex.Status} {ex.ErrorCode}");
        }

        if (!exists)
        {
            throw new AgentException($"container '{_container.Name}' does not exist");
        }
    }

    public async Task PutAsync(string key, ReadOnlyMemory<byte> data, CancellationToken ct) =>
        await _container.GetBlobClient(_prefix + key).UploadAsync(new BinaryData(data), overwrite: true, ct);

    public async Task<byte[]?> GetAsync(string key, CancellationToken ct)
    {
        try
        {
            var result = await _container.GetBlobClient(_prefix + key).DownloadContentAsync(ct);
            return result.Value.Content.ToArray();
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }
    }

    public async Task<IReadOnlyList<string>> ListAsync(string prefix, CancellationToken ct)
    {
        var keys = new List<string>();
        await foreach (var blob in _container.GetBlobsAsync(new Azure.Storage.Blobs.Models.GetBlobsOptions { Prefix = _prefix + prefix }, ct))
        {
            keys.Add(blob.Name[_prefix.Length..]);
        }

        return keys;
    }

    public void Dispose() { }
}
