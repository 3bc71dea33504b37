namespace Failkit.Protection;

/// <summary>A complete recovery point of one disk, as its agent reported it. Counters and hashes only: the blocks
/// and their keys stay in the customer's bucket and KMS.</summary>
public sealed record RecoveryPoint(
    Guid Id,
    string Disk,
    string PointId,
    DateTimeOffset PointTime,
    long BytesScanned,
    long BytesChanged,
    long BytesUploaded,
    int BlockCount,
    string ManifestSha256,
    double? RpoObservedSeconds,
    string CertificateSerial,
    DateTimeOffset ReceivedAt);
