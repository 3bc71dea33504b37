using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using NSec.Cryptography;

namespace Failkit.Evidence.Format;

/// <summary>Seals a report: the manifest body (everything but the PDF's hash) goes into the PDF as an attachment, the
/// sealed manifest is the body plus <c>pdf_sha256</c>, and the signature covers the sealed manifest's SHA-256. The
/// PDF cannot carry the sealed manifest (its own hash would be inside it), so it carries the body and prints the
/// body's hash.</summary>
public static class ReportSeal
{
    public const string ManifestFormat = "failkit-drill-report/1";

    /// <summary>The fields the verifier relies on; the rest of the manifest is the drill's evidence.</summary>
    public static class Fields
    {
        public const string Format = "format";
        public const string ReportNumber = "report_number";
        public const string TenantId = "tenant_id";
        public const string DrillId = "drill_id";
        public const string GeneratedAt = "generated_at";
        public const string Simulated = "simulated";
        public const string PreviousReportSha256 = "previous_report_sha256";
        public const string PdfSha256 = "pdf_sha256";
    }

    private static readonly string[] Required =
        [Fields.Format, Fields.ReportNumber, Fields.TenantId, Fields.DrillId, Fields.GeneratedAt, Fields.PreviousReportSha256];

    /// <summary>The canonical bytes of the body, the PDF's embedded attachment.</summary>
    public static byte[] BodyBytes(JsonObject body)
    {
        CheckBody(body);
        return CanonicalJson.Serialize(body);
    }

    public static SealedReport Seal(JsonObject body, ReadOnlySpan<byte> pdf, Key key, Guid keyId)
    {
        ArgumentNullException.ThrowIfNull(key);
        CheckBody(body);
        var manifest = (JsonObject)body.DeepClone();
        manifest[Fields.PdfSha256] = EvidenceJson.Sha256Hex(pdf);
        var bytes = CanonicalJson.Serialize(manifest);
        var hash = SHA256.HashData(bytes);
        var signature = SignatureAlgorithm.Ed25519.Sign(key, hash);
        // Deserialize, not GetValue<long>: a body built with an int number holds an Int32 node, which GetValue<long> rejects.
        var number = manifest[Fields.ReportNumber]!.Deserialize<long>(EvidenceJson.Options);
        return new SealedReport(bytes, Convert.ToHexStringLower(hash),
            new ReportSignature(ReportSignature.Ed25519, keyId, number, Convert.ToHexStringLower(hash), Convert.ToBase64String(signature)));
    }

    /// <summary>True when <paramref name="signature"/> is a valid Ed25519 signature of the manifest hash it names.</summary>
    public static bool SignatureValid(ReportSignature signature, ReadOnlySpan<byte> rawPublicKey)
    {
        ArgumentNullException.ThrowIfNull(signature);
        if (signature.Algorithm != ReportSignature.Ed25519 || rawPublicKey.Length != 32)
        {
            return false;
        }

        try
        {
            var key = PublicKey.Import(SignatureAlgorithm.Ed25519, rawPublicKey, KeyBlobFormat.RawPublicKey);
            return SignatureAlgorithm.Ed25519.Verify(key, Convert.FromHexString(signature.ManifestSha256), Convert.FromBase64String(signature.Signature));
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private static void CheckBody(JsonObject body)
    {
        ArgumentNullException.ThrowIfNull(body);
        var missing = Required.Where(f => !body.ContainsKey(f)).ToList();
        if (missing.Count > 0)
        {
            throw new JsonException($"A report manifest needs {string.Join(", ", missing)}.");
        }

        if (body.ContainsKey(Fields.PdfSha256))
        {
            throw new JsonException("The manifest body must not hold pdf_sha256; sealing adds it.");
        }
    }
}

/// <param name="Manifest">The canonical bytes of the sealed manifest (the <c>.json</c> file).</param>
public sealed record SealedReport(byte[] Manifest, string ManifestSha256, ReportSignature Signature);
