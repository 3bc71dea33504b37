using System.Security.Cryptography;
using Failkit.Agent.Cli;

namespace Failkit.Host.Tests.Management;

/// <summary>The owner's agent on the servers: the real failkit-agent CLI (in this process, its own state folder). It
/// runs the enroll command the portal showed, protects one disk image per VM into a local bucket folder, and syncs:
/// each cycle's metadata goes to the management plane over mTLS, which forwards it to the tenant's plane.</summary>
public sealed class JourneyAgent : IDisposable
{
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("failkit-journey-agent-");

    private string State => Path.Combine(_root.FullName, "state");

    /// <summary>The enroll command as the page printed it, <c>./failkit agent</c> left out.</summary>
    public Task EnrollAsync(IReadOnlyList<string> command) => RunAsync([.. command]);

    /// <summary>A small disk image of random bytes, registered under <paramref name="name"/>.</summary>
    public async Task ProtectAsync(string name, int mib)
    {
        var image = Path.Combine(_root.FullName, name.Replace('/', '-') + ".img");
        await File.WriteAllBytesAsync(image, RandomNumberGenerator.GetBytes(mib << 20));
        var bucket = Directory.CreateDirectory(Path.Combine(_root.FullName, "bucket")).FullName;
        await RunAsync("protect", "--disk", image, "--name", name, "--target", "dir:" + bucket);
    }

    /// <summary>One replication cycle of every protected disk, each reported to the management plane.</summary>
    public async Task SyncAsync()
    {
        var output = await RunAsync("sync");
        Assert.Contains("metadata reported to ", output, StringComparison.Ordinal);
    }

    public void Dispose() => _root.Delete(recursive: true);

    private async Task<string> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await AgentCli.RunAsync(["--state-dir", State, .. args], output, error, TestContext.Current.CancellationToken);
        Assert.True(code == 0, $"failkit-agent {args[0]} exited {code}\nstdout:\n{output}\nstderr:\n{error}");
        return output.ToString();
    }
}
