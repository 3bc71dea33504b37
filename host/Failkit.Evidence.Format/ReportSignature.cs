using System.Text.Json;

namespace Failkit.Evidence.Format;

/// <summary>The <c>.sig</c> file: which key signed which manifest hash. The signature is Ed25519 over the 32 raw
/// bytes of the manifest's SHA-256, and the manifest carries the PDF's SHA-256, so one signature covers both.</summary>
public sealed record ReportSignature(string Algorithm, Guid KeyId, long ReportNumber, string ManifestSha256, string Signature)
{
    public const string Ed25519 = "Ed25519";

    public byte[] ToBytes() => CanonicalJson.Serialize(JsonSerializer.SerializeToNode(this, EvidenceJson.Options));

    /// <summary>Throws <see cref="JsonException"/> when the file is not a signature file.</summary>
    public static ReportSignature Parse(ReadOnlySpan<byte> json) =>
        JsonSerializer.Deserialize<ReportSignature>(json, EvidenceJson.Options) is { Algorithm: not null, ManifestSha256: not null, Signature: not null } sig
            ? sig
            : throw new JsonException("not a Failkit report signature (algorithm, key_id, manifest_sha256, signature)");
}

/// <summary>What remains of a report after retention purged its PDF and manifest body: the links of the chain. Its
/// signature still verifies over <see cref="ManifestSha256"/>, and the next report's previous hash still names it.</summary>
public sealed record ReportStub(
    string Format, long ReportNumber, Guid TenantId, Guid DrillId, string GeneratedAt, string ManifestSha256,
    string? PreviousReportSha256, string PurgedAt)
{
    public const string StubFormat = "failkit-report-stub/1";

    public byte[] ToBytes() => CanonicalJson.Serialize(JsonSerializer.SerializeToNode(this, EvidenceJson.Options));

    public static ReportStub Parse(ReadOnlySpan<byte> json) =>
        JsonSerializer.Deserialize<ReportStub>(json, EvidenceJson.Options) is { Format: StubFormat, ManifestSha256: not null } stub
            ? stub
            : throw new JsonException($"not a report stub (format {StubFormat})");
}

/// <summary>The published public keys of a tenant (<c>/.well-known/failkit/report-keys</c>, and the verifier's
/// <c>--public-key</c> file). A key verifies only reports generated inside its window.</summary>
public sealed record ReportKeySet(Guid TenantId, string Tenant, IReadOnlyList<ReportKeyInfo> Keys)
{
    public byte[] ToBytes() => CanonicalJson.Serialize(JsonSerializer.SerializeToNode(this, EvidenceJson.Options));

    public static ReportKeySet Parse(ReadOnlySpan<byte> json) =>
        JsonSerializer.Deserialize<ReportKeySet>(json, EvidenceJson.Options) is { Keys: not null } set
            ? set
            : throw new JsonException("not a Failkit report-keys document (tenant_id, tenant, keys)");
}

/// <param name="PublicKey">Base64 of the 32 raw public-key bytes.</param>
/// <param name="Fingerprint"><c>SHA256:</c> and the hex SHA-256 of the raw public key, as the PDF prints it.</param>
/// <param name="ValidUntil">Null while the key is current; a rotation sets it.</param>
public sealed record ReportKeyInfo(Guid KeyId, string Algorithm, string PublicKey, string Fingerprint, string ValidFrom, string? ValidUntil)
{
    public static string FingerprintOf(ReadOnlySpan<byte> rawPublicKey) => "SHA256:" + EvidenceJson.Sha256Hex(rawPublicKey);

    public bool Covers(DateTimeOffset at) =>
        at >= EvidenceJson.ParseTime(ValidFrom) && (ValidUntil is null || at < EvidenceJson.ParseTime(ValidUntil));
}
