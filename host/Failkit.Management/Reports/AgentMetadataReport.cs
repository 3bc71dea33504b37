using System.Text.Json;
using System.Text.Json.Serialization;

namespace Failkit.Management.Reports;

/// <summary>
/// The metadata an agent reports after a cycle, and nothing else. Fields outside this record are ignored and never
/// stored: they have no column and do not reach the sink. They are not refused, because on-prem agents upgrade on
/// their customers' schedule and a newer agent's extra field must not stop an older plane from taking its reports.
/// </summary>
public sealed record AgentMetadataReport(
    string Disk,
    string PointId,
    DateTimeOffset PointTime,
    long BytesScanned,
    long BytesChanged,
    long BytesUploaded,
    int BlockCount,
    string ManifestSha256,
    double? RpoObservedSeconds)
{
    /// <summary>Reports are a few hundred bytes; anything much larger is not a report.</summary>
    public const int MaxBodyBytes = 4096;

    private static readonly JsonSerializerOptions Strict = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip,
        RespectRequiredConstructorParameters = true,
        RespectNullableAnnotations = true,
        AllowDuplicateProperties = false,
    };

    private static readonly HashSet<string> Fields = new(StringComparer.OrdinalIgnoreCase)
    {
        "disk", "pointId", "pointTime", "bytesScanned", "bytesChanged", "bytesUploaded", "blockCount", "manifestSha256", "rpoObservedSeconds",
    };

    /// <summary>Parses and validates a report body; returns null and the reason when it is not a valid report.
    /// <paramref name="ignored"/> names the fields that were dropped (names only, for the log).</summary>
    public static AgentMetadataReport? Parse(ReadOnlySpan<byte> body, out string? problem, out IReadOnlyList<string> ignored)
    {
        AgentMetadataReport? report;
        ignored = [];
        try
        {
            using (var doc = JsonDocument.Parse(body.ToArray()))
            {
                if (doc.RootElement.ValueKind == JsonValueKind.Object)
                {
                    ignored = doc.RootElement.EnumerateObject().Select(p => p.Name).Where(n => !Fields.Contains(n)).Take(20).ToList();
                }
            }

            report = JsonSerializer.Deserialize<AgentMetadataReport>(body, Strict);
        }
        catch (JsonException ex)
        {
            problem = $"the body is not a metadata report: {ex.Message}";
            return null;
        }

        problem = report is null ? "the body is empty" : report.Validate();
        return problem is null ? report : null;
    }

    private string? Validate()
    {
        if (string.IsNullOrWhiteSpace(Disk) || Disk.Length > 200)
        {
            return "disk must be 1-200 characters";
        }

        if (string.IsNullOrWhiteSpace(PointId) || PointId.Length > 100)
        {
            return "pointId must be 1-100 characters";
        }

        if (BytesScanned < 0 || BytesChanged < 0 || BytesUploaded < 0 || BlockCount < 0 || RpoObservedSeconds < 0)
        {
            return "counters must not be negative";
        }

        if (ManifestSha256.Length != 64 || !ManifestSha256.All(Uri.IsHexDigit))
        {
            return "manifestSha256 must be 64 hex digits";
        }

        return null;
    }
}
