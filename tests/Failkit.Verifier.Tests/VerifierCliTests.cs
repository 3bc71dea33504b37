using System.Text.Json;
using Failkit.Evidence.Format;
using Failkit.Verifier.Tests.Fixtures;

namespace Failkit.Verifier.Tests;

public sealed class VerifierCliTests : IDisposable
{
    private readonly ReportChain _chain = ReportChain.Create();

    [Fact]
    public async Task IntactChain_Exit0WithTableAndSummary()
    {
        var run = await VerifierProcess.RunAsync(_chain.Folder, "--public-key", _chain.KeyFile);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("", run.Err);
        var lines = run.Out.Split('\n');
        Assert.Equal(ReportChain.Count - 1, lines.Count(l => l.Contains("  OK  ", StringComparison.Ordinal)));
        Assert.Single(lines, l => l.StartsWith("2 ", StringComparison.Ordinal) && l.Contains("  PURGED  ", StringComparison.Ordinal));
        Assert.Contains("VERIFIED: 8 reports (7 OK, 1 purged, 0 failed); chain intact; audit audit.jsonl: 10 events, chain intact", run.Out);
        Assert.DoesNotContain("Problems:", run.Out);
    }

    [Fact]
    public async Task TamperedPdf_Exit1AndNamesReportAndReason()
    {
        var pdf = _chain.Path(ReportFiles.Pdf(7));
        var bytes = File.ReadAllBytes(pdf);
        bytes[^1] ^= 0x80;
        File.WriteAllBytes(pdf, bytes);

        var run = await VerifierProcess.RunAsync(_chain.Folder, "--public-key", _chain.KeyFile);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("  - report 7 (report-000007.pdf): PDF hash does not match the manifest (the PDF was changed)", run.Out);
        Assert.Contains("NOT VERIFIED: 8 reports (6 OK, 1 purged, 1 failed)", run.Out);
    }

    [Fact]
    public async Task Json_MachineReadableResult()
    {
        File.Delete(_chain.Path(ReportFiles.Signature(5)));

        var run = await VerifierProcess.RunAsync(_chain.Folder, "--public-key", _chain.KeyFile, "--json");

        Assert.Equal(1, run.ExitCode);
        using var json = JsonDocument.Parse(run.Out);
        var root = json.RootElement;
        Assert.False(root.GetProperty("verified").GetBoolean());
        Assert.Equal(_chain.TenantId, root.GetProperty("tenant_id").GetGuid());
        var statuses = root.GetProperty("reports").EnumerateArray().Select(r => r.GetProperty("status").GetString()).ToList();
        Assert.Equal(["ok", "purged", "ok", "ok", "failed", "ok", "ok", "ok"], statuses);
        var reasons = root.GetProperty("reports")[4].GetProperty("reasons").EnumerateArray().Select(r => r.GetString());
        Assert.Equal(["report 5 (report-000005.sig): the signature file is missing"], reasons);
        Assert.True(root.GetProperty("audit").GetProperty("intact").GetBoolean());
    }

    [Fact]
    public async Task BadKeyFile_Exit2WithOneLine()
    {
        var bad = _chain.Path("not-keys.json");
        File.WriteAllText(bad, "{\"tenant_id\": 42");

        var run = await VerifierProcess.RunAsync(_chain.Folder, "--public-key", bad);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal("", run.Out);
        Assert.StartsWith($"failkit-verify: the public-key file {bad} is not a Failkit report-keys document", run.Err);
        Assert.Single(run.Err.TrimEnd().Split('\n'));
    }

    [Fact]
    public void KeyWithWrongFingerprint_Exit2()
    {
        var keys = _chain.Keys with { Keys = [_chain.Keys.Keys[0] with { Fingerprint = "SHA256:" + new string('0', 64) }] };
        File.WriteAllBytes(_chain.KeyFile, keys.ToBytes());

        var (code, _, err) = RunInProcess(_chain.Folder, "--public-key", _chain.KeyFile);

        Assert.Equal(2, code);
        Assert.Contains($"key {_chain.KeyAId}: the fingerprint SHA256:000", err);
    }

    [Theory]
    [InlineData("missing-folder")]
    [InlineData("empty-folder")]
    public void FolderMissingOrEmpty_Exit2(string which)
    {
        var folder = Path.Combine(_chain.Folder, which);
        if (which == "empty-folder")
        {
            Directory.CreateDirectory(folder);
        }

        var (code, output, err) = RunInProcess(folder, "--public-key", _chain.KeyFile);

        Assert.Equal(2, code);
        Assert.Equal("", output);
        Assert.StartsWith($"failkit-verify: the folder {folder} ", err);
    }

    [Theory]
    [InlineData("--json")]
    [InlineData("--public-key")]
    [InlineData("--bogus")]
    public void UsageError_Exit2WithUsage(string option)
    {
        var (code, _, err) = RunInProcess(_chain.Folder, option);

        Assert.Equal(2, code);
        Assert.Contains("usage: failkit-verify <folder> --public-key <file>", err);
    }

    [Fact]
    public void AuditOption_ChecksThatFileInsteadOfTheFolders()
    {
        var other = _chain.Path("other-audit.jsonl");
        File.WriteAllLines(other, AuditExport.Events(4).Skip(1).Select(e => e.ToJsonLine()));

        var (code, output, _) = RunInProcess(_chain.Folder, "--public-key", _chain.KeyFile, "--audit", other);

        Assert.Equal(1, code);
        Assert.Contains("other-audit.jsonl line 1: event 2 is not the first event, and its predecessor is not in the export", output);
    }

    public void Dispose() => _chain.Dispose();

    private static (int Code, string Out, string Err) RunInProcess(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = VerifierCli.Run(args, output, error);
        return (code, output.ToString(), error.ToString());
    }
}
