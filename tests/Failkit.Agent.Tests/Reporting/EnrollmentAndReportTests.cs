using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Failkit.Agent.Tests.Fakes;
using Failkit.Agent.Tests.Fixtures;

namespace Failkit.Agent.Tests.Reporting;

public sealed class EnrollmentAndReportTests : IDisposable
{
    private static readonly string[] MetadataFields =
        ["disk", "pointId", "pointTime", "bytesScanned", "bytesChanged", "bytesUploaded", "blockCount", "manifestSha256", "rpoObservedSeconds"];

    private readonly TempDir _work = new();

    [Fact]
    public async Task EnrolledAgent_ReportsOnlyMetadataOverMtls()
    {
        await using var plane = await FakeManagementPlane.StartAsync();
        var state = _work.Sub("state");
        (await Enroll(plane, state, plane.NewToken())).Ok();

        var key = File.ReadAllText(Path.Combine(state, "identity", "agent.key"));
        Assert.Contains("BEGIN PRIVATE KEY", key, StringComparison.Ordinal);
        using var leaf = X509Certificate2.CreateFromPem(File.ReadAllText(Path.Combine(state, "identity", "agent-chain.pem")));
        Assert.True(plane.TenantCa.Issued(leaf));

        var image = _work.Sub("disk.img");
        DiskImage.Create(image, 8 * DiskImage.Mib, seed: 2);
        Directory.CreateDirectory(_work.Sub("bucket"));
        (await AgentRunner.RunAsync(state, "protect", "--disk", image, "--name", "vm/d0", "--target", $"dir:{_work.Sub("bucket")}")).Ok();
        var first = (await AgentRunner.RunAsync(state, "sync")).Ok();
        DiskImage.ChangeBlocks(image, DiskImage.Mib, 1, seed: 4);
        var second = (await AgentRunner.RunAsync(state, "sync")).Ok();

        var reports = plane.Reports.ToArray();
        Assert.Equal(2, reports.Length);
        using var last = JsonDocument.Parse(reports[1]);
        Assert.Equal(MetadataFields.Order(), last.RootElement.EnumerateObject().Select(p => p.Name).Order());
        Assert.Equal(second.PointId, last.RootElement.GetProperty("pointId").GetString());
        Assert.Equal(second.UploadedBytes, last.RootElement.GetProperty("bytesUploaded").GetInt64());
        Assert.Equal(8 * DiskImage.Mib, last.RootElement.GetProperty("bytesScanned").GetInt64());
        Assert.True(last.RootElement.GetProperty("rpoObservedSeconds").GetDouble() >= 0);
        Assert.Contains(first.PointId, reports[0], StringComparison.Ordinal);

        // No payload and no key: nothing of the manifest's wrapped keys or block hashes reaches the plane.
        var manifest = File.ReadAllText(Path.Combine(state, "disks", "vm%2Fd0", "last-manifest.json"));
        using var doc = JsonDocument.Parse(manifest);
        foreach (var wrapped in doc.RootElement.GetProperty("keys").EnumerateObject())
        {
            Assert.DoesNotContain(wrapped.Value.GetProperty("wrapped").GetString()!, string.Concat(reports), StringComparison.Ordinal);
        }

        Assert.DoesNotContain(doc.RootElement.GetProperty("blocks")[0].GetProperty("sha256").GetString()!, string.Concat(reports), StringComparison.Ordinal);
        Assert.All(reports, r => Assert.True(r.Length < 600, $"report is {r.Length} bytes: {r}"));
    }

    [Fact]
    public async Task ReplayedEnrollmentToken_IsRefused()
    {
        await using var plane = await FakeManagementPlane.StartAsync();
        var token = plane.NewToken();
        (await Enroll(plane, _work.Sub("a"), token)).Ok();
        var replay = await Enroll(plane, _work.Sub("b"), token);
        Assert.Equal(ExitCodes.Error, replay.ExitCode);
        Assert.Contains("enrollment refused (401)", replay.Err, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_work.Sub("b"), "identity", "agent.key")));
    }

    [Fact]
    public async Task RevokedCertificate_ReportIsRefusedAndSyncSaysSo()
    {
        await using var plane = await FakeManagementPlane.StartAsync();
        var state = _work.Sub("state");
        (await Enroll(plane, state, plane.NewToken())).Ok();
        plane.Revoke(Assert.Single(plane.IssuedSerials));
        var image = _work.Sub("disk.img");
        DiskImage.Create(image, 2 * DiskImage.Mib, seed: 2);
        Directory.CreateDirectory(_work.Sub("bucket"));
        (await AgentRunner.RunAsync(state, "protect", "--disk", image, "--name", "d", "--target", $"dir:{_work.Sub("bucket")}")).Ok();

        var sync = await AgentRunner.RunAsync(state, "sync");
        Assert.Equal(ExitCodes.Error, sync.ExitCode);
        Assert.Contains("metadata report refused (403)", sync.Err, StringComparison.Ordinal);
        Assert.Empty(plane.Reports);
    }

    [Fact]
    public async Task CertificateOfAnotherTenantsCa_ReportIsRefused()
    {
        await using var planeA = await FakeManagementPlane.StartAsync();
        await using var planeB = await FakeManagementPlane.StartAsync();
        var state = _work.Sub("state");
        (await Enroll(planeB, state, planeB.NewToken())).Ok();
        // Point the agent enrolled by tenant B's CA at tenant A's plane, trusting A's server certificate.
        planeA.TlsCa.WritePem(Path.Combine(state, "identity", "server-ca.pem"));
        File.WriteAllText(Path.Combine(state, "identity", "agent.json"), JsonSerializer.Serialize(new { managementUrl = planeA.Url, pinnedServerCa = true }));
        var image = _work.Sub("disk.img");
        DiskImage.Create(image, 2 * DiskImage.Mib, seed: 2);
        Directory.CreateDirectory(_work.Sub("bucket"));
        (await AgentRunner.RunAsync(state, "protect", "--disk", image, "--name", "d", "--target", $"dir:{_work.Sub("bucket")}")).Ok();

        var sync = await AgentRunner.RunAsync(state, "sync");
        Assert.Equal(ExitCodes.Error, sync.ExitCode);
        Assert.Contains("metadata report refused (403)", sync.Err, StringComparison.Ordinal);
        Assert.Empty(planeA.Reports);
    }

    private async Task<AgentRun> Enroll(FakeManagementPlane plane, string state, string token)
    {
        var ca = _work.Sub(Guid.NewGuid().ToString("N") + ".pem");
        plane.TlsCa.WritePem(ca);
        return await AgentRunner.RunAsync(state, "enroll", "--url", plane.Url, "--token", token, "--server-ca", ca);
    }

    public void Dispose() => _work.Dispose();
}
