using System.Buffers.Binary;
using System.Globalization;
using System.Security;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace Failkit.CloudFakes.Azure;

public sealed partial class AzureFake
{
    private const long MaxPagesPerCall = 4L << 20;
    private readonly Dictionary<string, Dictionary<string, FakePageBlob>> _containers = new(StringComparer.Ordinal);

    /// <summary>The page blob, or null when it does not exist (never created, or deleted).</summary>
    public FakePageBlob? PageBlob(string account, string container, string blob)
    {
        lock (_gate)
        {
            return _containers.GetValueOrDefault($"{account}/{container}")?.GetValueOrDefault(blob);
        }
    }

    public IReadOnlyList<string> BlobNames(string account, string container)
    {
        lock (_gate)
        {
            return [.. _containers.GetValueOrDefault($"{account}/{container}")?.Keys ?? Enumerable.Empty<string>()];
        }
    }

    private async Task HandleBlobAsync(HttpContext ctx, string account)
    {
        var req = ctx.Request;
        var parts = req.Path.Value!.TrimStart('/').Split('/', 2);
        var container = parts[0];
        var blob = parts.Length > 1 ? Uri.UnescapeDataString(parts[1]) : null;
        ctx.Response.Headers["x-ms-version"] = req.Headers["x-ms-version"].ToString();
        if (account == DiagnosticsStorageAccount && blob is not null && HttpMethods.IsGet(req.Method) && req.Query.ContainsKey("sig"))
        {
            await WriteBlobBodyAsync(ctx, ConsoleLogOf(blob) is { } log ? Encoding.UTF8.GetBytes(log) : null);
            return;
        }

        if (!Authorized(ctx))
        {
            await StorageErrorAsync(ctx, 401, "InvalidAuthenticationInfo", "Authentication information is not given in the correct format.");
            return;
        }

        var key = $"{account}/{container}";
        var comp = req.Query["comp"].ToString();
        var restype = req.Query["restype"].ToString();
        switch (req.Method, blob is null, restype, comp)
        {
            case ("PUT", true, "container", ""):
                if (await EnterAsync(ctx, "Container_Create", storage: true))
                {
                    await CreateContainerAsync(ctx, key);
                }

                return;
            case ("GET", true, "container", "list"):
                if (await EnterAsync(ctx, "Container_ListBlobs", storage: true))
                {
                    await ListBlobsAsync(ctx, account, key);
                }

                return;
            case ("PUT", false, _, ""):
                if (await EnterAsync(ctx, "PageBlob_Create", storage: true))
                {
                    await CreatePageBlobAsync(ctx, key, blob!);
                }

                return;
            case ("PUT", false, _, "page"):
                if (await EnterAsync(ctx, "PageBlob_UploadPages", storage: true))
                {
                    await PutPagesAsync(ctx, key, blob!);
                }

                return;
            case ("DELETE", false, _, ""):
                if (await EnterAsync(ctx, "Blob_Delete", storage: true))
                {
                    await DeleteBlobAsync(ctx, key, blob!);
                }

                return;
            case ("GET", false, _, ""):
                await WriteBlobBodyAsync(ctx, PageBlob(account, container, blob!) is { } b ? b.Read(0, (int)Math.Min(b.Size, 1 << 20)) : null);
                return;
            default:
                await StorageErrorAsync(ctx, 400, "UnsupportedHttpVerb", $"The fake does not serve {req.Method} {req.Path}{req.QueryString}.");
                return;
        }
    }

    private async Task CreateContainerAsync(HttpContext ctx, string key)
    {
        lock (_gate)
        {
            if (!_containers.TryAdd(key, new Dictionary<string, FakePageBlob>(StringComparer.Ordinal)))
            {
                key = "";
            }
        }

        if (key.Length == 0)
        {
            await StorageErrorAsync(ctx, 409, "ContainerAlreadyExists", "The specified container already exists.");
            return;
        }

        StorageOk(ctx, 201);
    }

    private async Task CreatePageBlobAsync(HttpContext ctx, string key, string blob)
    {
        var req = ctx.Request;
        var length = long.TryParse(req.Headers["x-ms-blob-content-length"], out var l) ? l : -1;
        if (req.Headers["x-ms-blob-type"] != "PageBlob" || length < 0 || length % FakePageBlob.PageSize != 0)
        {
            await StorageErrorAsync(ctx, 400, "InvalidHeaderValue", "A page blob needs x-ms-blob-type: PageBlob and an x-ms-blob-content-length that is a multiple of 512.");
            return;
        }

        var metadata = req.Headers.Where(h => h.Key.StartsWith("x-ms-meta-", StringComparison.OrdinalIgnoreCase))
            .ToDictionary(h => h.Key["x-ms-meta-".Length..].ToLowerInvariant(), h => h.Value.ToString(), StringComparer.Ordinal);
        bool exists;
        lock (_gate)
        {
            exists = _containers.TryGetValue(key, out var blobs);
            if (exists)
            {
                blobs![blob] = new FakePageBlob(length, metadata);
            }
        }

        if (!exists)
        {
            await StorageErrorAsync(ctx, 404, "ContainerNotFound", "The specified container does not exist.");
            return;
        }

        StorageOk(ctx, 201);
    }

    private async Task PutPagesAsync(HttpContext ctx, string key, string blob)
    {
        var req = ctx.Request;
        var range = (req.Headers["x-ms-range"].FirstOrDefault() ?? req.Headers.Range.FirstOrDefault() ?? "").Replace("bytes=", "", StringComparison.Ordinal).Split('-');
        FakePageBlob? target;
        lock (_gate)
        {
            target = _containers.GetValueOrDefault(key)?.GetValueOrDefault(blob);
        }

        using var body = new MemoryStream();
        await req.Body.CopyToAsync(body);
        var data = body.ToArray();
        if (target is null)
        {
            await StorageErrorAsync(ctx, 404, "BlobNotFound", "The specified blob does not exist.");
            return;
        }

        if (req.Headers["x-ms-page-write"] != "update" || range.Length != 2 || !long.TryParse(range[0], out var start) || !long.TryParse(range[1], out var end)
            || start % FakePageBlob.PageSize != 0 || (end + 1) % FakePageBlob.PageSize != 0 || end + 1 - start != data.Length
            || data.Length > MaxPagesPerCall || end >= target.Size)
        {
            await StorageErrorAsync(ctx, 416, "InvalidPageRange", "The page range specified is invalid: it must be 512-aligned, at most 4 MiB, match the body and lie within the blob.");
            return;
        }

        target.Write(start, data);
        StorageOk(ctx, 201);
        ctx.Response.Headers["x-ms-blob-sequence-number"] = "0";
        ctx.Response.Headers["x-ms-request-server-encrypted"] = "true";
    }

    private async Task DeleteBlobAsync(HttpContext ctx, string key, string blob)
    {
        bool removed;
        lock (_gate)
        {
            removed = _containers.GetValueOrDefault(key)?.Remove(blob) == true;
        }

        if (!removed)
        {
            await StorageErrorAsync(ctx, 404, "BlobNotFound", "The specified blob does not exist.");
            return;
        }

        StorageOk(ctx, 202);
    }

    private async Task ListBlobsAsync(HttpContext ctx, string account, string key)
    {
        var xml = new StringBuilder($"<?xml version=\"1.0\" encoding=\"utf-8\"?><EnumerationResults ServiceEndpoint=\"https://{account}.blob.fake.test/\" ContainerName=\"{key.Split('/')[1]}\"><Blobs>");
        lock (_gate)
        {
            if (!_containers.TryGetValue(key, out var blobs))
            {
                xml.Clear();
            }

            foreach (var (name, blob) in blobs ?? [])
            {
                xml.Append(CultureInfo.InvariantCulture, $"<Blob><Name>{SecurityElement.Escape(name)}</Name><Properties><Last-Modified>{DateTimeOffset.UtcNow:R}</Last-Modified><Etag>0x8DC{name.GetHashCode(StringComparison.Ordinal):X8}</Etag><Content-Length>{blob.Size}</Content-Length><Content-Type>application/octet-stream</Content-Type><BlobType>PageBlob</BlobType><LeaseStatus>unlocked</LeaseStatus><LeaseState>available</LeaseState><ServerEncrypted>true</ServerEncrypted></Properties><Metadata>");
                foreach (var (k, v) in blob.Metadata)
                {
                    xml.Append(CultureInfo.InvariantCulture, $"<{k}>{SecurityElement.Escape(v)}</{k}>");
                }

                xml.Append("</Metadata></Blob>");
            }
        }

        if (xml.Length == 0)
        {
            await StorageErrorAsync(ctx, 404, "ContainerNotFound", "The specified container does not exist.");
            return;
        }

        xml.Append("</Blobs><NextMarker /></EnumerationResults>");
        ctx.Response.ContentType = "application/xml";
        await ctx.Response.WriteAsync(xml.ToString());
    }

    private static async Task WriteBlobBodyAsync(HttpContext ctx, byte[]? body)
    {
        if (body is null)
        {
            await StorageErrorAsync(ctx, 404, "BlobNotFound", "The specified blob does not exist.");
            return;
        }

        StorageOk(ctx, 200);
        ctx.Response.Headers["x-ms-blob-type"] = "BlockBlob";
        ctx.Response.ContentType = "application/octet-stream";
        ctx.Response.ContentLength = body.Length;
        await ctx.Response.Body.WriteAsync(body);
    }

    private static void StorageOk(HttpContext ctx, int status)
    {
        ctx.Response.StatusCode = status;
        ctx.Response.Headers.ETag = $"\"0x8DC{Random.Shared.NextInt64():X}\"";
        ctx.Response.Headers.LastModified = DateTimeOffset.UtcNow.ToString("R");
    }

    private static async Task StorageErrorAsync(HttpContext ctx, int status, string code, string message)
    {
        ctx.Response.StatusCode = status;
        ctx.Response.Headers["x-ms-error-code"] = code;
        ctx.Response.ContentType = "application/xml";
        await ctx.Response.WriteAsync($"<?xml version=\"1.0\" encoding=\"utf-8\"?><Error><Code>{code}</Code><Message>{SecurityElement.Escape(message)}\nRequestId:{ctx.Response.Headers["x-ms-request-id"]}\nTime:{DateTimeOffset.UtcNow:O}</Message></Error>");
    }

    /// <summary>Managed-disk import accepts a fixed VHD only: a 512-byte footer after a 1 MiB-aligned virtual size.</summary>
    private string? CheckImportSource(Uri source, out long virtualSize)
    {
        virtualSize = 0;
        var account = source.Host.Split('.')[0];
        var parts = source.AbsolutePath.TrimStart('/').Split('/', 2);
        if (parts.Length != 2 || PageBlob(account, parts[0], Uri.UnescapeDataString(parts[1])) is not { } blob)
        {
            return $"The source blob {source} does not exist.";
        }

        var footer = blob.Read(blob.Size - 512, 512);
        var stored = BinaryPrimitives.ReadUInt32BigEndian(footer.AsSpan(64));
        footer.AsSpan(64, 4).Clear();
        var sum = ~(uint)footer.Sum(b => b);
        virtualSize = blob.Size - 512;
        return Encoding.ASCII.GetString(footer, 0, 8) != "conectix" ? $"The blob {source} is not a supported VHD: the footer cookie is not 'conectix'."
            : BinaryPrimitives.ReadUInt32BigEndian(footer.AsSpan(60)) != 2 ? $"The VHD {source} is not a fixed VHD."
            : stored != sum ? $"The VHD {source} footer checksum is wrong."
            : BinaryPrimitives.ReadInt64BigEndian(footer.AsSpan(48)) != virtualSize || virtualSize % (1 << 20) != 0
                ? $"The VHD {source} has an unsupported virtual size {virtualSize}: it must be a whole number in MBs and match the blob."
            : null;
    }
}
