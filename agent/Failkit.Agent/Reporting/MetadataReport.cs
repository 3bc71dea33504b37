using Failkit.Agent.Replication;

namespace Failkit.Agent.Reporting;

/// <summary>
/// Everything Failkit learns about a cycle. It is built from counters and hashes only, so no payload
/// byte and no key, wrapped or not, can end up in it.
/// </summary>
public sealed record MetadataReport(
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
    public static MetadataReport From(CycleResult result) => new(
        result.Manifest.Disk,
        result.Manifest.PointId,
        result.Manifest.CreatedAt,
        result.BytesScanned,
        result.BytesChanged,
        result.BytesUploaded,
        result.Manifest.Blocks.Count,
        result.ManifestSha256,
        result.RpoObserved?.TotalSeconds);
}
