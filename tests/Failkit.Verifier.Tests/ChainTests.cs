using System.Text.Json;
using System.Text.Json.Nodes;
using Failkit.Evidence.Format;
using Failkit.Evidence.Format.Verification;
using Failkit.Verifier.Tests.Fixtures;

namespace Failkit.Verifier.Tests;

/// <summary>Chain and stub cases beyond the tamper list, each made with validly signed files where the point
/// is that a valid signature alone does not make a valid chain.</summary>
public sealed class ChainTests : IDisposable
{
    private readonly ReportChain _chain = ReportChain.Create();

    [Fact]
    public void TwoReportsFollowTheSamePredecessor_Fork()
    {
        _chain.Append(9, ReportChain.GeneratedAt(9), _chain.ManifestSha256(7));

        var result = Verify();

        Assert.All(result.Reports, r => Assert.NotEqual(ReportStatus.Failed, r.Status));
        Assert.Contains(result.ChainProblems, p => p.StartsWith("report 9 (report-000009.json): does not link to report 8", StringComparison.Ordinal));
        Assert.Contains(result.ChainProblems, p => p.StartsWith(
            "fork: report 8 (report-000008.json) and report 9 (report-000009.json) both follow the same predecessor", StringComparison.Ordinal));
    }

    [Fact]
    public void ReportGeneratedBeforeItsPredecessor_OrderNotTime()
    {
        _chain.Append(9, ReportChain.GeneratedAt(8).AddHours(-1), _chain.ManifestSha256(8));

        var result = Verify();

        Assert.Equal([$"report 9 (report-000009.json): generated at {EvidenceJson.Time(ReportChain.GeneratedAt(8).AddHours(-1))}, before report 8 " +
            $"({EvidenceJson.Time(ReportChain.GeneratedAt(8))}): the chain's order is not the order of time"], result.ChainProblems);
    }

    [Fact]
    public void FirstReportRemoved_ChainStartsLate()
    {
        foreach (var file in new[] { ReportFiles.Manifest(1), ReportFiles.Signature(1), ReportFiles.Pdf(1) })
        {
            File.Delete(_chain.Path(file));
        }

        Assert.Equal(["report 1 is missing: the chain starts at report 2"], Verify().ChainProblems.Take(1));
    }

    [Fact]
    public void ManifestReformatted_NotCanonical()
    {
        var file = _chain.Path(ReportFiles.Manifest(4));
        File.WriteAllText(file, JsonNode.Parse(File.ReadAllBytes(file))!.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));

        var reasons = Verify().Reports[3].Reasons;

        Assert.Contains("report 4 (report-000004.json): the manifest is not canonical JSON (RFC 8785), so it was re-formatted or edited after sealing", reasons);
    }

    [Fact]
    public void PdfOfUnpurgedReportMissing_Failed()
    {
        File.Delete(_chain.Path(ReportFiles.Pdf(8)));

        Assert.Equal(["report 8 (report-000008.pdf): the PDF is missing, and the report is not purged"], Verify().Reports[7].Reasons);
    }

    [Fact]
    public void StubHashEdited_SignatureNoLongerCoversIt()
    {
        var file = _chain.Path(ReportFiles.Stub(ReportChain.PurgedReport));
        var stub = ReportStub.Parse(File.ReadAllBytes(file));
        File.WriteAllBytes(file, (stub with { ManifestSha256 = new string('0', 64) }).ToBytes());

        var result = Verify();

        Assert.Equal(ReportStatus.Failed, result.Reports[1].Status);
        Assert.StartsWith("report 2 (report-000002.stub.json): the stub's manifest hash 000000000000… is not the one its signature covers", result.Reports[1].Reasons[0]);
        Assert.Contains(result.ChainProblems, p => p.StartsWith("report 3 (report-000003.json): does not link to report 2", StringComparison.Ordinal));
    }

    [Fact]
    public void ReportOfAnotherTenantId_Named()
    {
        var keys = _chain.Keys with { TenantId = Guid.NewGuid() };

        var result = ReportFolderVerifier.Verify(_chain.Folder, keys);

        Assert.All(result.Reports, r => Assert.Contains($"belongs to tenant {_chain.TenantId}, but the public-key file is for tenant {keys.TenantId} (acme)", r.Reasons[0]));
    }

    [Fact]
    public void OneCoreOrAll_SameResult()
    {
        File.Delete(_chain.Path(ReportFiles.Signature(3)));

        var one = ReportFolderVerifier.Verify(_chain.Folder, _chain.Keys, maxParallelism: 1);
        var all = ReportFolderVerifier.Verify(_chain.Folder, _chain.Keys, maxParallelism: 4);

        Assert.Equal(one.Problems(), all.Problems());
        Assert.Equal(one.Reports.Select(r => r.Status), all.Reports.Select(r => r.Status));
    }

    public void Dispose() => _chain.Dispose();

    private VerificationResult Verify() => ReportFolderVerifier.Verify(_chain.Folder, _chain.Keys);
}
