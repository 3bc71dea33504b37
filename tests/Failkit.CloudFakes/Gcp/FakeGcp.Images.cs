using System.Formats.Tar;
using System.Globalization;
using System.IO.Compression;
using System.Text.Json.Nodes;

namespace Failkit.CloudFakes.Gcp;

public sealed partial class FakeGcp
{
    /// <summary>The raw disk GCE imported for an image, so tests can check the bytes a drill wrote.</summary>
    public byte[] RawDiskOf(string imageName)
    {
        lock (_gate)
        {
            return _images.TryGetValue(imageName, out var image) ? image.RawDisk : throw new KeyNotFoundException($"no image '{imageName}'");
        }
    }

    private FakeReply InsertImage(byte[] body, string? requestId)
    {
        if (requestId is not null && _operationsByRequestId.ContainsKey(requestId))
        {
            return NewOperation("insert", "", "", requestId);
        }

        var json = JsonNode.Parse(body) as JsonObject ?? [];
        var name = (string?)json["name"] ?? "";
        if (!ResourceName.IsMatch(name))
        {
            return Error(400, "invalid", $"Invalid value for field 'resource.name': '{name}'.");
        }

        if (_images.ContainsKey(name))
        {
            return Error(409, "alreadyExists", $"The resource 'projects/{Project}/global/images/{name}' already exists");
        }

        var source = (string?)json["rawDisk"]?["source"] ?? "";
        const string prefix = "https://storage.googleapis.com/";
        if (!source.StartsWith(prefix, StringComparison.Ordinal) || !_objects.TryGetValue(Uri.UnescapeDataString(source[prefix.Length..]), out var tarball))
        {
            return Error(400, "invalid", $"Invalid value for field 'resource.rawDisk.source': '{source}'. The object does not exist or is not readable.");
        }

        byte[] raw;
        try
        {
            raw = ExtractDiskRaw(tarball);
        }
        catch (Exception ex) when (ex is InvalidDataException or FormatException or IOException)
        {
            // GCE reports a bad tarball in the operation, not in the insert answer.
            return NewOperation("insert", $"global/images/{name}", "global", requestId, error: ("INVALID_IMAGE_FILE", $"The image file is not valid: {ex.Message}"));
        }

        if (raw.Length == 0 || raw.Length % RawDiskGranularity != 0)
        {
            return NewOperation("insert", $"global/images/{name}", "global", requestId, error: ("INVALID_IMAGE_FILE", $"The raw disk size {raw.Length} is not a multiple of {RawDiskGranularity} bytes."));
        }

        var image = new FakeGceImage { Name = name, Source = source, RawDisk = raw, Labels = Labels(json["labels"]) };
        _images[name] = image;
        return NewOperation("insert", $"global/images/{name}", "global", requestId, () => image.Status = "READY");
    }

    private FakeReply DeleteImage(string name)
    {
        if (!_images.ContainsKey(name))
        {
            return NotFound($"projects/{Project}/global/images/{name}");
        }

        return _failDelete.Contains(name)
            ? NewOperation("delete", $"global/images/{name}", "global", null, error: ("INTERNAL_ERROR", "Internal error. Please try again or contact Google Support."))
            : NewOperation("delete", $"global/images/{name}", "global", null, () => _images.Remove(name));
    }

    private FakeReply DeleteLabelled(Dictionary<string, FakeGceLabelled> store, string key, string scope, string collection)
    {
        if (!store.TryGetValue(key, out var item))
        {
            return NotFound($"projects/{Project}/{scope}/{collection}/{key.Split('/')[^1]}");
        }

        var target = $"{scope}/{collection}/{item.Name}";
        return _failDelete.Contains(item.Name)
            ? NewOperation("delete", target, scope, null, error: ("INTERNAL_ERROR", "Internal error. Please try again or contact Google Support."))
            : NewOperation("delete", target, scope, null, () => store.Remove(key));
    }

    private static byte[] ExtractDiskRaw(byte[] tarball)
    {
        using var gzip = new GZipStream(new MemoryStream(tarball), CompressionMode.Decompress);
        using var tar = new TarReader(gzip);
        while (tar.GetNextEntry() is { } entry)
        {
            if (entry.Name == "disk.raw" && entry.EntryType is TarEntryType.RegularFile or TarEntryType.V7RegularFile && entry.DataStream is { } data)
            {
                using var raw = new MemoryStream();
                data.CopyTo(raw);
                return raw.ToArray();
            }
        }

        throw new InvalidDataException("the tarball has no disk.raw entry");
    }

    private JsonObject ImageJson(FakeGceImage i) => new()
    {
        ["kind"] = "compute#image",
        ["name"] = i.Name,
        ["status"] = i.Status,
        ["sourceType"] = "RAW",
        ["rawDisk"] = new JsonObject { ["source"] = i.Source, ["containerType"] = "TAR" },
        ["diskSizeGb"] = Math.Max(1, i.RawDisk.Length >> 30).ToString(CultureInfo.InvariantCulture),
        ["archiveSizeBytes"] = i.RawDisk.Length.ToString(CultureInfo.InvariantCulture),
        ["labels"] = LabelsJson(i.Labels),
        ["selfLink"] = Link($"global/images/{i.Name}"),
    };

    private JsonObject LabelledJson(string kind, FakeGceLabelled x) => new()
    {
        ["kind"] = $"compute#{kind}",
        ["name"] = x.Name,
        ["status"] = "READY",
        ["labels"] = LabelsJson(x.Labels),
        ["selfLink"] = Link($"{x.Scope}/{(kind == "address" ? "addresses" : "snapshots")}/{x.Name}"),
    };
}
