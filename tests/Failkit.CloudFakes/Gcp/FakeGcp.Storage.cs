using System.Globalization;
using System.Text.Json.Nodes;

namespace Failkit.CloudFakes.Gcp;

public sealed partial class FakeGcp
{
    private FakeReply InsertObject(string bucket, string? name, byte[] body)
    {
        if (string.IsNullOrEmpty(name))
        {
            return Error(400, "required", "Required parameter: name");
        }

        _objects[$"{bucket}/{name}"] = body;
        return FakeReply.Ok(ObjectJson(bucket, name, body));
    }

    private FakeReply ListObjects(string bucket, string prefix, string? pageToken)
    {
        var names = _objects.Keys
            .Where(k => k.StartsWith($"{bucket}/{prefix}", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToList();
        var page = Page(names, pageToken, out var next);
        var list = new JsonObject
        {
            ["kind"] = "storage#objects",
            ["items"] = new JsonArray([.. page.Select(k => (JsonNode)ObjectJson(bucket, k[(bucket.Length + 1)..], _objects[k]))]),
        };
        if (next is not null)
        {
            list["nextPageToken"] = next;
        }

        return FakeReply.Ok(list);
    }

    private FakeReply DeleteObject(string bucket, string name)
    {
        if (_failDelete.Contains(name))
        {
            return Error(403, "forbidden", $"drills@failkit-drills.iam.gserviceaccount.com does not have storage.objects.delete access to the Google Cloud Storage object {bucket}/{name}.");
        }

        return _objects.Remove($"{bucket}/{name}") ? new FakeReply(204, null) : Error(404, "notFound", $"No such object: {bucket}/{name}");
    }

    private static JsonObject ObjectJson(string bucket, string name, byte[] data) => new()
    {
        ["kind"] = "storage#object",
        ["id"] = $"{bucket}/{name}/1700000000000000",
        ["bucket"] = bucket,
        ["name"] = name,
        ["generation"] = "1700000000000000",
        ["size"] = data.Length.ToString(CultureInfo.InvariantCulture),
        ["contentType"] = "application/gzip",
    };
}
