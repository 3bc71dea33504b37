using System.Net;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;

namespace Failkit.Agent.Targets;

/// <summary>An S3 bucket (or an S3-compatible endpoint); credentials come from the SDK's default chain.</summary>
public sealed class S3Target : ITarget
{
    private readonly AmazonS3Client _client;
    private readonly string _bucket;
    private readonly string _prefix;

    public S3Target(string bucket, string prefix, string? endpoint, string? region)
    {
        _bucket = bucket;
        _prefix = prefix;
        var regionName = region ?? Environment.GetEnvironmentVariable("AWS_REGION") ?? "us-east-1";
        var config = new AmazonS3Config
        {
            // Checksums only when an operation demands them: the default adds aws-chunked trailers that
            // S3-compatible stores such as s3rver keep inside the object (see shared/deps.md).
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
            MaxErrorRetry = 2,
        };
        if (endpoint is not null)
        {
            config.ServiceURL = endpoint;
            config.ForcePathStyle = true;
            config.AuthenticationRegion = regionName;
        }
        else
        {
            config.RegionEndpoint = Amazon.RegionEndpoint.GetBySystemName(regionName);
        }

        _client = new AmazonS3Client(config);
    }

    public string Description => $"s3://{_bucket}/{_prefix}";

    public async Task EnsureReadyAsync(CancellationToken ct)
    {
        try
        {
            await _client.ListObjectsV2Async(new ListObjectsV2Request { BucketName = _bucket, MaxKeys = 1 }, ct);
        }
        catch (AmazonS3Exception ex) when (ex.StatusCode == HttpStatusCode.NotFound || ex.ErrorCode == "NoSuchBucket")
        {
            throw new AgentException($"bucket '{_bucket}' does not exist");
        }
        catch (AmazonS3Exception ex) when (ex.StatusCode == HttpStatusCode.Forbidden)
        {
            throw new AgentException($"access to bucket '{_bucket}' is denied: {ex.Message}");
        }
        catch (AmazonServiceException ex)
        {
            throw new AgentException($"cannot reach bucket '{_bucket}': {ex.Message}");
        }
        catch (HttpRequestException ex)
        {
            throw new AgentException($"cannot reach the S3 endpoint for bucket '{_bucket}': {ex.Message}");
        }
    }

    public async Task PutAsync(string key, ReadOnlyMemory<byte> data, CancellationToken ct)
    {
        using var body = ObjectStreams.Of(data);
        await _client.PutObjectAsync(new PutObjectRequest
        {
            BucketName = _bucket,
            Key = _prefix + key,
            InputStream = body,
            UseChunkEncoding = false,
            ContentType = "application/octet-stream",
        }, ct);
    }

    public async Task<byte[]?> GetAsync(string key, CancellationToken ct)
    {
        try
        {
            using var response = await _client.GetObjectAsync(_bucket, _prefix + key, ct);
            using var buffer = new MemoryStream();
            await response.ResponseStream.CopyToAsync(buffer, ct);
            return buffer.ToArray();
        }
        catch (AmazonS3Exception ex) when (ex.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    public async Task<IReadOnlyList<string>> ListAsync(string prefix, CancellationToken ct)
    {
        var keys = new List<string>();
        var request = new ListObjectsV2Request { BucketName = _bucket, Prefix = _prefix + prefix };
        while (true)
        {
            var response = await _client.ListObjectsV2Async(request, ct);
            keys.AddRange((response.S3Objects ?? []).Select(o => o.Key[_prefix.Length..]));
            if (response.IsTruncated != true)
            {
                return keys;
            }

            request.ContinuationToken = response.NextContinuationToken;
        }
    }

    public void Dispose() => _client.Dispose();
}
