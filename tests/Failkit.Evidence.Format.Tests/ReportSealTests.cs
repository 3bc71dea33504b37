using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using NSec.Cryptography;

namespace Failkit.Evidence.Format.Tests;

public sealed class ReportSealTests : IDisposable
{
    private readonly Key _key = Key.Create(SignatureAlgorithm.Ed25519);
    private readonly Guid _keyId = Guid.NewGuid();
    private readonly byte[] _pdf = "%PDF-1.7 any bytes"u8.ToArray();

    [Fact]
    public void Seal_ManifestIsBodyPlusPdfHashAndSignatureCoversItsHash()
    {
        var body = Body(7);

        var sealedReport = ReportSeal.Seal(body, _pdf, _key, _keyId);

        var manifest = JsonNode.Parse(sealedReport.Manifest)!.AsObject();
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(_pdf)), manifest[ReportSeal.Fields.PdfSha256]!.GetValue<string>());
        manifest.Remove(ReportSeal.Fields.PdfSha256);
        Assert.Equal(ReportSeal.BodyBytes(body), CanonicalJson.Serialize(manifest));
        Assert.Equal(sealedReport.Manifest, CanonicalJson.Canonicalize(sealedReport.Manifest));
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(sealedReport.Manifest)), sealedReport.ManifestSha256);
        Assert.Equal(sealedReport.ManifestSha256, sealedReport.Signature.ManifestSha256);
        Assert.Equal(7, sealedReport.Signature.ReportNumber);
        Assert.Equal(_keyId, sealedReport.Signature.KeyId);
        Assert.True(ReportSeal.SignatureValid(sealedReport.Signature, _key.PublicKey.Export(KeyBlobFormat.RawPublicKey)));
    }

    [Fact]
    public void SignatureFile_RoundTripsThroughItsCanonicalBytes()
    {
        var signature = ReportSeal.Seal(Body(1), _pdf, _key, _keyId).Signature;

        var bytes = signature.ToBytes();

        Assert.Equal(signature, ReportSignature.Parse(bytes));
        Assert.Equal(bytes, CanonicalJson.Canonicalize(bytes));
    }

    [Fact]
    public void OtherKeyOrOtherHash_SignatureInvalid()
    {
        using var other = Key.Create(SignatureAlgorithm.Ed25519);
        var signature = ReportSeal.Seal(Body(1), _pdf, _key, _keyId).Signature;
        var otherHash = signature with { ManifestSha256 = new string('a', 64) };

        Assert.False(ReportSeal.SignatureValid(signature, other.PublicKey.Export(KeyBlobFormat.RawPublicKey)));
        Assert.False(ReportSeal.SignatureValid(otherHash, _key.PublicKey.Export(KeyBlobFormat.RawPublicKey)));
    }

    [Fact]
    public void BodyWithPdfHashOrWithoutRequiredField_Rejected()
    {
        var withPdf = Body(1);
        withPdf[ReportSeal.Fields.PdfSha256] = "00";
        var withoutTenant = Body(1);
        withoutTenant.Remove(ReportSeal.Fields.TenantId);

        Assert.Throws<JsonException>(() => ReportSeal.Seal(withPdf, _pdf, _key, _keyId));
        var missing = Assert.Throws<JsonException>(() => ReportSeal.BodyBytes(withoutTenant));
        Assert.Contains(ReportSeal.Fields.TenantId, missing.Message);
    }

    [Fact]
    public void ReportNumberAsLongOrInt_SameManifest()
    {
        var asInt = Body(3);
        var asLong = Body(3);
        asLong[ReportSeal.Fields.ReportNumber] = 3L;
        asLong[ReportSeal.Fields.DrillId] = asInt[ReportSeal.Fields.DrillId]!.DeepClone();
        asLong[ReportSeal.Fields.TenantId] = asInt[ReportSeal.Fields.TenantId]!.DeepClone();

        Assert.Equal(ReportSeal.Seal(asInt, _pdf, _key, _keyId).Manifest, ReportSeal.Seal(asLong, _pdf, _key, _keyId).Manifest);
    }

    public void Dispose() => _key.Dispose();

    private static JsonObject Body(int number) => new()
    {
        [ReportSeal.Fields.Format] = ReportSeal.ManifestFormat,
        [ReportSeal.Fields.ReportNumber] = number,
        [ReportSeal.Fields.TenantId] = Guid.NewGuid().ToString(),
        [ReportSeal.Fields.DrillId] = Guid.NewGuid().ToString(),
        [ReportSeal.Fields.GeneratedAt] = EvidenceJson.Time(new DateTimeOffset(2026, 11, 29, 9, 0, 0, TimeSpan.Zero)),
        [ReportSeal.Fields.PreviousReportSha256] = null,
        ["rto"] = new JsonObject { ["achieved_seconds"] = 21.4, ["target_seconds"] = 1800 },
    };
}
