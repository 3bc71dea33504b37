using Failkit.Drills;
using Failkit.Evidence.Format;
using Failkit.Evidence.Tests.Fixtures;

namespace Failkit.Evidence.Tests;

public sealed class ManifestBodyTests
{
    [Fact]
    public void SimDrill_SaysSimulated_AndCarriesTheChainFields()
    {
        var body = ManifestBody.Build(SyntheticDrill.Facts(SyntheticDrill.Make(3, 2, simulated: true), number: 7));
        Assert.True(body["simulated"]!.GetValue<bool>());
        Assert.Equal(7, body["report_number"]!.GetValue<long>());
        Assert.Equal(new string('a', 64), body["previous_report_sha256"]!.GetValue<string>());
        Assert.False(body.ContainsKey(ReportSeal.Fields.PdfSha256));
        Assert.Equal(["Passed", "Passed"], body["waves"]!.AsArray().Select(w => w!["verdict"]!.GetValue<string>()));
        Assert.Equal("Passed", body["rto"]!["verdict"]!.GetValue<string>());
    }

    [Theory]
    [InlineData(DrillStatus.Succeeded, "Passed")]
    [InlineData(DrillStatus.Failed, "Failed")]
    [InlineData(DrillStatus.Cancelled, "Cancelled")]
    public void DrillStatus_GivesTheReportVerdict(string status, string verdict) =>
        Assert.Equal(verdict, ManifestBody.Build(SyntheticDrill.Facts(SyntheticDrill.Make(2, 1, simulated: false, status)))["verdict"]!.GetValue<string>());

    [Fact]
    public void LongProbeOutput_IsTrimmedToTheLimit_AndMarked()
    {
        var output = new string('x', EvidenceOptions.ProbeOutputLimit + 500);
        var body = ManifestBody.Build(SyntheticDrill.Facts(SyntheticDrill.Make(1, 1, simulated: false, probeOutput: output)));
        var probe = body["vms"]![0]!["probes"]![0]!;
        Assert.Equal(EvidenceOptions.ProbeOutputLimit, probe["output"]!.GetValue<string>().Length);
        Assert.True(probe["output_trimmed"]!.GetValue<bool>());
        Assert.False(body["vms"]![0]!["probes"]![1]!["output_trimmed"]!.GetValue<bool>());
    }
}
