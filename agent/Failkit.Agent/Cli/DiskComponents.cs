using Failkit.Agent.Blocks;
using Failkit.Agent.Crypto;
using Failkit.Agent.State;
using Failkit.Agent.Targets;

namespace Failkit.Agent.Cli;

/// <summary>The source, bucket and KMS of one registered disk, opened and checked together.</summary>
public sealed class DiskComponents : IAsyncDisposable
{
    private DiskComponents(IBlockSource? source, ITarget target, IKeyWrapper kms)
    {
        SourceOrNull = source;
        Target = target;
        Kms = kms;
    }

    public IBlockSource Source => SourceOrNull ?? throw new InvalidOperationException("opened without a source");

    public ITarget Target { get; }

    public IKeyWrapper Kms { get; }

    private IBlockSource? SourceOrNull { get; }

    /// <summary>Opens everything; a restore passes withSource=false because it never reads the disk.</summary>
    public static async Task<DiskComponents> OpenAsync(DiskRegistration disk, CancellationToken ct, bool withSource = true)
    {
        var source = withSource ? BlockSources.Open(disk.Disk) : null;
        ITarget? target = null;
        try
        {
            target = TargetFactory.Create(disk.Target, disk.Endpoint, disk.Region);
            await target.EnsureReadyAsync(ct);
            return new DiskComponents(source, target, KeyWrappers.Create(disk.Kms, disk.KmsEndpoint, disk.KmsRegion));
        }
        catch
        {
            source?.Dispose();
            target?.Dispose();
            throw;
        }
    }

    public ValueTask DisposeAsync()
    {
        SourceOrNull?.Dispose();
        Target.Dispose();
        (Kms as IDisposable)?.Dispose();
        return ValueTask.CompletedTask;
    }
}
