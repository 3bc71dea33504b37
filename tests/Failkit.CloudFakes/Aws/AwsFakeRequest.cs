using System.Globalization;

namespace Failkit.CloudFakes.Aws;

/// <summary>A parsed Query-protocol request (EC2, STS): form fields with AWS's <c>Name.N.Member</c> list encoding.</summary>
internal sealed class AwsFakeRequest(IReadOnlyDictionary<string, string> form, string requestId)
{
    public string RequestId { get; } = requestId;

    public string? this[string key] => form.TryGetValue(key, out var value) ? value : null;

    public string Required(string key) =>
        this[key] is { Length: > 0 } value ? value : throw new AwsFakeException(400, "MissingParameter", $"The request must contain the parameter {key}");

    /// <summary>Values of <c>prefix.1</c>, <c>prefix.2</c>… in order.</summary>
    public List<string> List(string prefix)
    {
        var values = new List<string>();
        for (var i = 1; this[$"{prefix}.{i}"] is { } value; i++)
        {
            values.Add(value);
        }

        return values;
    }

    public int Count(string prefix)
    {
        var n = 0;
        while (form.Keys.Any(k => k.StartsWith($"{prefix}.{n + 1}.", StringComparison.Ordinal) || k == $"{prefix}.{n + 1}"))
        {
            n++;
        }

        return n;
    }

    public List<(string Name, List<string> Values)> Filters()
    {
        var filters = new List<(string, List<string>)>();
        for (var i = 1; this[$"Filter.{i}.Name"] is { } name; i++)
        {
            filters.Add((name, List($"Filter.{i}.Value")));
        }

        return filters;
    }

    /// <summary>Tags of the <c>TagSpecification.N</c> whose ResourceType is <paramref name="resourceType"/>.</summary>
    public Dictionary<string, string> TagsFor(string resourceType)
    {
        var tags = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 1; this[$"TagSpecification.{i}.ResourceType"] is { } type; i++)
        {
            if (type != resourceType)
            {
                continue;
            }

            for (var j = 1; this[$"TagSpecification.{i}.Tag.{j}.Key"] is { } key; j++)
            {
                tags[key] = this[$"TagSpecification.{i}.Tag.{j}.Value"] ?? "";
            }
        }

        return tags;
    }

    public bool Flag(string key) => string.Equals(this[key], "true", StringComparison.OrdinalIgnoreCase);

    public int Int(string key, int fallback) =>
        int.TryParse(this[key], NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : fallback;
}
