using Failkit.Agent.Tests.Fixtures;

namespace Failkit.Agent.Tests.Cli;

public sealed class RunCommandTests
{
    [Fact]
    public async Task Daemon_RunsACyclePerInterval_ThenStopsCleanly()
    {
        using var work = new TempDir();
        var image = work.Sub("disk.img");
        DiskImage.Create(image, 3 * DiskImage.Mib, seed: 8);
        Directory.CreateDirectory(work.Sub("bucket"));
        var state = work.Sub("state");
        (await AgentRunner.RunAsync(state, "protect", "--disk", image, "--name", "d", "--target", $"dir:{work.Sub("bucket")}")).Ok();

        var run = (await AgentRunner.RunAsync(state, "run", "--interval", "1", "--cycles", "2")).Ok();

        Assert.Equal(2, Directory.GetFiles(Path.Combine(work.Sub("bucket"), "d", "points")).Length);
        Assert.Contains("agent stopped", run.Out, StringComparison.Ordinal);
        var status = (await AgentRunner.RunAsync(state, "status")).Ok();
        Assert.Contains("not enrolled", status.Out, StringComparison.Ordinal);
        Assert.Contains(run.PointId, status.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Daemon_OnSigterm_StopsGracefullyWithExitCodeZero()
    {
        using var work = new TempDir();
        var image = work.Sub("disk.img");
        DiskImage.Create(image, 2 * DiskImage.Mib, seed: 8);
        Directory.CreateDirectory(work.Sub("bucket"));
        var state = work.Sub("state");
        (await AgentRunner.RunAsync(state, "protect", "--disk", image, "--name", "d", "--target", $"dir:{work.Sub("bucket")}")).Ok();

        using var agent = AgentRunner.Start(state, "run", "--interval", "3600");
        var points = Path.Combine(work.Sub("bucket"), "d", "points");
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!(Directory.Exists(points) && Directory.GetFiles(points).Length == 1) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }

        Assert.False(agent.Process.HasExited, agent.Output);
        using (var kill = System.Diagnostics.Process.Start("kill", ["-TERM", agent.Process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync(TestContext.Current.CancellationToken);
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await agent.Process.WaitForExitAsync(timeout.Token);
        Assert.Equal(0, agent.Process.ExitCode);
        Assert.Contains("agent stopped", agent.Output, StringComparison.Ordinal);
    }
}
