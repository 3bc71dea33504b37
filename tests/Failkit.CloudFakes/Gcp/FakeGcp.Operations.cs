using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Failkit.CloudFakes.Gcp;

public sealed partial class FakeGcp
{
    private readonly Dictionary<string, Action> _onDone = [];

    /// <summary>An operation starts RUNNING; the first wait or get finishes it (and runs its completion effect).</summary>
    private FakeReply NewOperation(string type, string targetPath, string scope, string? requestId, Action? onDone = null, (string Code, string Message)? error = null)
    {
        if (requestId is not null && _operationsByRequestId.TryGetValue(requestId, out var known))
        {
            return FakeReply.Ok(_operations[known].DeepClone());
        }

        var id = NextId();
        var name = $"operation-{id}-{Guid.NewGuid():N}"[..48];
        var operation = new JsonObject
        {
            ["kind"] = "compute#operation",
            ["id"] = id.ToString(CultureInfo.InvariantCulture),
            ["name"] = name,
            ["operationType"] = type,
            ["targetLink"] = Link(targetPath),
            ["targetId"] = NextId().ToString(CultureInfo.InvariantCulture),
            ["status"] = "RUNNING",
            ["user"] = "drills@failkit-drills.iam.gserviceaccount.com",
            ["progress"] = 0,
            ["insertTime"] = DateTimeOffset.UtcNow.ToString("O"),
            ["startTime"] = DateTimeOffset.UtcNow.ToString("O"),
            ["selfLink"] = Link($"{scope}/operations/{name}"),
        };
        if (scope.StartsWith("zones/", StringComparison.Ordinal))
        {
            operation["zone"] = Link(scope);
        }
        else if (scope.StartsWith("regions/", StringComparison.Ordinal))
        {
            operation["region"] = Link(scope);
        }

        if (requestId is not null)
        {
            operation["clientOperationId"] = requestId;
            _operationsByRequestId[requestId] = name;
        }

        if (error is { } e)
        {
            operation["httpErrorStatusCode"] = 400;
            operation["httpErrorMessage"] = "BAD REQUEST";
            operation["error"] = new JsonObject { ["errors"] = new JsonArray(new JsonObject { ["code"] = e.Code, ["message"] = e.Message }) };
        }

        _operations[name] = operation;
        if (onDone is not null)
        {
            _onDone[name] = onDone;
        }

        return FakeReply.Ok(operation.DeepClone());
    }

    private FakeReply WaitOperation(string name) => GetOperation(name);

    private FakeReply GetOperation(string name)
    {
        if (!_operations.TryGetValue(name, out var operation))
        {
            return NotFound($"projects/{Project}/global/operations/{name}");
        }

        if ((string?)operation["status"] != "DONE")
        {
            operation["status"] = "DONE";
            operation["progress"] = 100;
            operation["endTime"] = DateTimeOffset.UtcNow.ToString("O");
            if (_onDone.Remove(name, out var effect))
            {
                effect();
            }
        }

        return FakeReply.Ok(operation.DeepClone());
    }

    /// <summary>Supports the one filter shape drills use: <c>labels.KEY = "VALUE"</c> (or <c>:</c>, quotes optional).</summary>
    private static Func<Dictionary<string, string>, bool> Filter(string? filter)
    {
        if (string.IsNullOrWhiteSpace(filter))
        {
            return _ => true;
        }

        var match = Regex.Match(filter, """^\s*\(?\s*labels\.([a-z0-9_-]+)\s*[=:]\s*"?([^"\s)]*)"?\s*\)?\s*$""");
        if (!match.Success)
        {
            throw new FormatException($"Invalid value for field 'filter': '{filter}'. Invalid list filter expression.");
        }

        var (key, value) = (match.Groups[1].Value, match.Groups[2].Value);
        return labels => labels.TryGetValue(key, out var v) && v == value;
    }

    private FakeReply ListGlobal(IEnumerable<(Dictionary<string, string> Labels, JsonObject Json)> all, string? filter, string? pageToken)
    {
        Func<Dictionary<string, string>, bool> match;
        try
        {
            match = Filter(filter);
        }
        catch (FormatException ex)
        {
            return Error(400, "invalid", ex.Message);
        }

        var items = Page(all.Where(x => match(x.Labels)).Select(x => x.Json).ToList(), pageToken, out var next);
        var list = new JsonObject { ["kind"] = "compute#list", ["id"] = $"projects/{Project}", ["items"] = new JsonArray([.. items]), ["selfLink"] = Link("global") };
        if (next is not null)
        {
            list["nextPageToken"] = next;
        }

        return FakeReply.Ok(list);
    }

    private FakeReply ListAggregated(string collection, IEnumerable<(string Scope, Dictionary<string, string> Labels, JsonObject Json)> all, string? filter, string? pageToken)
    {
        Func<Dictionary<string, string>, bool> match;
        try
        {
            match = Filter(filter);
        }
        catch (FormatException ex)
        {
            return Error(400, "invalid", ex.Message);
        }

        var page = Page(all.Where(x => match(x.Labels)).ToList(), pageToken, out var next);
        var items = new JsonObject
        {
            // GCE lists every scope, empty ones with a warning instead of a collection.
            ["zones/us-central1-a"] = new JsonObject { ["warning"] = new JsonObject { ["code"] = "NO_RESULTS_ON_PAGE", ["message"] = $"There are no results for scope 'zones/us-central1-a' on this page." } },
        };
        foreach (var group in page.GroupBy(x => x.Scope))
        {
            items[group.Key] = new JsonObject { [collection] = new JsonArray([.. group.Select(x => x.Json)]) };
        }

        var list = new JsonObject { ["kind"] = $"compute#{collection}AggregatedList", ["id"] = $"projects/{Project}/aggregated/{collection}", ["items"] = items };
        if (next is not null)
        {
            list["nextPageToken"] = next;
        }

        return FakeReply.Ok(list);
    }

    private List<T> Page<T>(List<T> all, string? token, out string? next)
    {
        var start = token is null ? 0 : int.Parse(token, CultureInfo.InvariantCulture);
        next = start + PageSize < all.Count ? (start + PageSize).ToString(CultureInfo.InvariantCulture) : null;
        return all.Skip(start).Take(PageSize).ToList();
    }

    private static Dictionary<string, string> Labels(JsonNode? labels) =>
        (labels as JsonObject ?? []).ToDictionary(p => p.Key, p => (string?)p.Value ?? "");

    private static JsonObject LabelsJson(Dictionary<string, string> labels) => new([.. labels.Select(l => KeyValuePair.Create(l.Key, (JsonNode?)l.Value))]);
}
