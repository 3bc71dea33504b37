using Failkit.Agent;
using Failkit.Agent.Cli;
using Failkit.Agent.Reporting;
using Failkit.Management.Tests.Fixtures;

namespace Failkit.Management.Tests.Endpoints;

/// <summary>The real agent (its CLI's enroll verb and its reporter) against the real endpoints.</summary>
public sealed class RealAgentTests : IAsyncLifetime, IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "failkit-mgmt-tests", Guid.NewGuid().ToString("N"));
    private ManagementServer _server = null!;

    public async ValueTask InitializeAsync()
    {
        Directory.CreateDirectory(_dir);
        _server = await ManagementServer.StartAsync();
    }

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task AgentCli_EnrollsOnceAndReportsOverMtls()
    {
        var (tenant, token) = await _server.TenantWithAgentTokenAsync("tenant-a");
        var serverCa = Path.Combine(_dir, "server-ca.pem");
        _server.WriteServerCaPem(serverCa);

        var first = await RunAsync(Path.Combine(_dir, "a"), "enroll", "--url", _server.Url, "--token", token, "--server-ca", serverCa);
        Assert.True(first.Code == 0, first.Output);
        Assert.Contains("O=tenant-a", first.Output, StringComparison.Ordinal);

        var replay = await RunAsync(Path.Combine(_dir, "b"), "enroll", "--url", _server.Url, "--token", token, "--server-ca", serverCa);
        Assert.Equal(ExitCodes.Error, replay.Code);
        Assert.Contains("enrollment refused (401)", replay.Output, StringComparison.Ordinal);

        var identity = new AgentIdentity(Path.Combine(_dir, "a", "identity"));
        var report = new MetadataReport("vm/d0", "20261129T010000Z-123abc", DateTimeOffset.UtcNow, 8 << 20, 1 << 20, (1 << 20) + 28, 8,
            new string('b', 64), 30);
        await MetadataReporter.SendAsync(identity, report, CancellationToken.None);

        Assert.Equal(tenant.Id, await _server.ScalarAsync<Guid>(
            "SELECT tenant_id FROM management.agent_reports WHERE point_id = $1 AND bytes_uploaded = $2", report.PointId, report.BytesUploaded));
    }

    private static async Task<(int Code, string Output)> RunAsync(string stateDir, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await AgentCli.RunAsync(["--state-dir", stateDir, .. args], output, error, CancellationToken.None);
        return (code, output + "\n" + error);
    }
}
