using System.Text.Json.Nodes;
using Failkit.Evidence.Format;
using Failkit.Evidence.Format.Verification;
using Failkit.Verifier.Tests.Fixtures;
using NSec.Cryptography;

namespace Failkit.Verifier.Tests;

/// <summary>The tamper list, each against a freshly built chain: each must fail with its own sentence.</summary>
public sealed class TamperTests : IDisposable
{
    private readonly ReportChain _chain = ReportChain.Create();

    [Fact]
    public void IntactChain_EveryReportOkOrPurged()
    {
        var result = Verify();

        Assert.True(result.Verified, string.Join("\n", result.Problems()));
        Assert.Equal(ReportChain.Count, result.Reports.Count);
        Assert.All(result.Reports, r => Assert.Equal(r.Number == ReportChain.PurgedReport ? ReportStatus.Purged : ReportStatus.Ok, r.Status));
        Assert.Equal(_chain.KeyAId, result.Reports[ReportChain.RotateAfter - 1].KeyId);
        Assert.Equal(_chain.KeyBId, result.Reports[ReportChain.RotateAfter].KeyId);
        Assert.Equal(10, result.Audit!.Events);
        Assert.True(result.Audit.Intact);
    }

    [Fact]
    public void OneBytePdfChange_PdfHashMismatch()
    {
        var pdf = _chain.Path(ReportFiles.Pdf(3));
        var bytes = File.ReadAllBytes(pdf);
        bytes[2000] ^= 0x01;
        File.WriteAllBytes(pdf, bytes);

        var result = Verify();

        AssertOnly(result, 3, "report 3 (report-000003.pdf): PDF hash does not match the manifest (the PDF was changed)");
    }

    [Fact]
    public void ManifestFieldEdited_ManifestDoesNotMatchSignature()
    {
        var manifest = (JsonObject)JsonNode.Parse(File.ReadAllBytes(_chain.Path(ReportFiles.Manifest(5))))!;
        manifest["rto"]!["achieved_seconds"] = 12.0;
        File.WriteAllBytes(_chain.Path(ReportFiles.Manifest(5)), CanonicalJson.Serialize(manifest));

        var result = Verify();

        AssertOnly(result, 5, "report 5 (report-000005.json): the manifest does not match its signature");
        Assert.Contains("the manifest was changed after signing", Reasons(result, 5));
        Assert.Contains(result.ChainProblems, p => p.StartsWith("report 6 (report-000006.json): does not link to report 5", StringComparison.Ordinal));
    }

    [Fact]
    public void OtherTenantsKey_KeyNotInPublicKeyFile()
    {
        using var otherKey = Key.Create(SignatureAlgorithm.Ed25519);
        var otherKeyId = Guid.NewGuid();
        _chain.Seal(3, otherKey, otherKeyId);

        var result = Verify();

        AssertOnly(result, 3, $"report 3 (report-000003.sig): signed by key {otherKeyId}, which is not in the public-key file (another tenant's key?)");
    }

    [Fact]
    public void OtherTenantsKeyUnderThisTenantsKeyId_SignatureDoesNotVerify()
    {
        using var otherKey = Key.Create(SignatureAlgorithm.Ed25519);
        _chain.Seal(6, otherKey, _chain.KeyBId);

        var result = Verify();

        AssertOnly(result, 6, $"report 6 (report-000006.sig): the signature does not verify with key {_chain.KeyBId}");
    }

    [Fact]
    public void ReportRemovedFromMiddle_ReportMissing()
    {
        foreach (var file in new[] { ReportFiles.Manifest(4), ReportFiles.Signature(4), ReportFiles.Pdf(4) })
        {
            File.Delete(_chain.Path(file));
        }

        var result = Verify();

        Assert.False(result.Verified);
        Assert.All(result.Reports, r => Assert.NotEqual(ReportStatus.Failed, r.Status));
        Assert.Equal(["report 4 is missing: report 5 follows report 3"], result.ChainProblems);
    }

    [Fact]
    public void TwoReportsSwapped_FileNamesDoNotMatchManifests()
    {
        _chain.Swap(6, 7);

        var result = Verify();

        Assert.False(result.Verified);
        Assert.Equal([6, 7], result.Reports.Where(r => r.Status == ReportStatus.Failed).Select(r => r.Number));
        Assert.Contains("report 6 (report-000006.json): the file name says report 6, but the manifest inside is report 7 (reports were renamed or reordered)",
            result.Reports[5].Reasons);
        Assert.Contains("report 7 (report-000007.json): the file name says report 7, but the manifest inside is report 6 (reports were renamed or reordered)",
            result.Reports[6].Reasons);
    }

    [Fact]
    public void ResignedWithRotatedOutKeyAfterItsWindow_OutsideValidityWindow()
    {
        _chain.Seal(6, _chain.KeyA, _chain.KeyAId);

        var result = Verify();

        AssertOnly(result, 6, $"report 6 (report-000006.sig): signed with key {_chain.KeyAId} outside its validity window " +
            $"(valid from {EvidenceJson.Time(ReportChain.KeyACreated)} until {EvidenceJson.Time(ReportChain.RotatedAt)}; " +
            $"report generated {EvidenceJson.Time(ReportChain.GeneratedAt(6))})");
        Assert.Empty(result.ChainProblems);
    }

    [Fact]
    public void AuditEventEdited_ChainBreaksAtItsSuccessor()
    {
        var events = AuditExport.Events(10).ToList();
        events[4] = events[4] with { Detail = "version 99" };
        File.WriteAllLines(_chain.Path(ReportFiles.AuditFile), events.Select(e => e.ToJsonLine()));

        var result = Verify();

        Assert.False(result.Verified);
        Assert.Equal(["audit.jsonl line 6: event 6 does not link to its predecessor (an event was edited, removed or inserted)"], result.Audit!.Problems);
    }

    [Fact]
    public void AuditEventRemoved_EventsMissing()
    {
        var events = AuditExport.Events(10).Where(e => e.Seq != 5);
        File.WriteAllLines(_chain.Path(ReportFiles.AuditFile), events.Select(e => e.ToJsonLine()));

        var result = Verify();

        Assert.False(result.Verified);
        Assert.Equal(["audit.jsonl line 5: event 6 follows event 4: events are missing"], result.Audit!.Problems);
    }

    public void Dispose() => _chain.Dispose();

    private VerificationResult Verify() => ReportFolderVerifier.Verify(_chain.Folder, _chain.Keys);

    private static string Reasons(VerificationResult result, int number) =>
        string.Join("\n", result.Reports.Single(r => r.Number == number).Reasons);

    /// <summary>Only report <paramref name="number"/> failed, and one of its reasons starts with <paramref name="reason"/>.</summary>
    private static void AssertOnly(VerificationResult result, int number, string reason)
    {
        Assert.False(result.Verified);
        Assert.Equal([number], result.Reports.Where(r => r.Status == ReportStatus.Failed).Select(r => r.Number));
        Assert.Contains(result.Reports.Single(r => r.Number == number).Reasons, r => r.StartsWith(reason, StringComparison.Ordinal));
    }
}
