using Failkit.Agent.Replication;
using Failkit.Agent.State;
using Failkit.Agent.Tests.Fakes;
using Failkit.Agent.Tests.Fixtures;

namespace Failkit.Agent.Tests.Crypto;

/// <summary>Each KMS wraps the per-point data key over its own wire protocol; only the wrapped form is stored.</summary>
public sealed class KmsTests : IDisposable
{
    private readonly TempDir _work = new();

    [Fact]
    public async Task AwsKms_WrapsTheDataKey_AndRestoreUnwrapsIt()
    {
        await using var kms = await FakeAwsKms.StartAsync("arn:aws:kms:us-east-1:111122223333:key/failkit");
        await SyncAndVerifyAsync(["--kms", "aws-kms:arn:aws:kms:us-east-1:111122223333:key/failkit", "--kms-endpoint", kms.Url], "aws-kms");
        Assert.True(kms.Calls >= 3, $"expected probe wrap/unwrap plus the cycle's wrap, saw {kms.Calls} calls");
    }

    [Fact]
    public async Task AzureKeyVault_WrapsTheDataKey_AndRestoreUnwrapsIt()
    {
        await using var vault = await FakeAzureKeyVault.StartAsync("failkit-kek");
        await SyncAndVerifyAsync(["--kms", $"azure-kv:{vault.Url}/keys/failkit-kek"], "azure-kv");
    }

    [Fact]
    public async Task AzureKeyVault_UnknownKey_IsAClearError()
    {
        await using var vault = await FakeAzureKeyVault.StartAsync("failkit-kek");
        var run = await Protect(["--kms", $"azure-kv:{vault.Url}/keys/other"]);
        Assert.Equal(ExitCodes.Error, run.ExitCode);
        Assert.Contains("wrong KMS key", run.Err, StringComparison.Ordinal);
        Assert.Contains("was not found in this key vault", run.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GcpKms_WrapsTheDataKey_AndRestoreUnwrapsIt()
    {
        const string key = "projects/p1/locations/europe-west1/keyRings/failkit/cryptoKeys/kek";
        await using var kms = await FakeGcpKms.StartAsync(key);
        await SyncAndVerifyAsync(["--kms", $"gcp-kms:{key}", "--kms-endpoint", kms.Url], "gcp-kms");
    }

    [Fact]
    public async Task GcpKms_UnknownKey_IsAClearError()
    {
        await using var kms = await FakeGcpKms.StartAsync("projects/p1/locations/l/keyRings/r/cryptoKeys/k");
        var run = await Protect(["--kms", "gcp-kms:projects/p1/locations/l/keyRings/r/cryptoKeys/nope", "--kms-endpoint", kms.Url]);
        Assert.Equal(ExitCodes.Error, run.ExitCode);
        Assert.Contains("wrong KMS key", run.Err, StringComparison.Ordinal);
        Assert.Contains("not found", run.Err, StringComparison.Ordinal);
    }

    private async Task<AgentRun> Protect(string[] kmsArgs)
    {
        var image = _work.Sub("disk.img");
        DiskImage.Create(image, 6 * DiskImage.Mib + 12345, seed: 9);
        Directory.CreateDirectory(_work.Sub("bucket"));
        return await AgentRunner.RunAsync(_work.Sub("state"), ["protect", "--disk", image, "--name", "k", "--target", $"dir:{_work.Sub("bucket")}", .. kmsArgs]);
    }

    private async Task SyncAndVerifyAsync(string[] kmsArgs, string provider)
    {
        (await Protect(kmsArgs)).Ok();
        var sync = (await AgentRunner.RunAsync(_work.Sub("state"), "sync")).Ok();
        var manifestBytes = File.ReadAllBytes(Path.Combine(new AgentState(_work.Sub("state")).DiskDir("k"), "last-manifest.json"));
        var manifest = Manifest.Parse(manifestBytes);
        var wrapped = Assert.Single(manifest.Keys).Value;
        Assert.Equal(provider, wrapped.Provider);
        Assert.NotEqual(32, Convert.FromBase64String(wrapped.Wrapped.Replace('-', '+').Replace('_', '/').PadRight((wrapped.Wrapped.Length + 3) / 4 * 4, '=')).Length);

        (await AgentRunner.RunAsync(_work.Sub("state"), "verify", "--point", sync.PointId, "--out", _work.Sub("out.img"))).Ok();
        Assert.Equal(DiskImage.Sha256(_work.Sub("disk.img")), DiskImage.Sha256(_work.Sub("out.img")));
    }

    public void Dispose() => _work.Dispose();
}
