namespace Failkit.Activities.Gcp;

/// <param name="RawDiskGranularity">The raw disk is padded to a multiple of this; GCE requires whole GiB.</param>
/// <param name="OperationTimeout">How long a zone/global operation may stay unfinished before the step fails.</param>
/// <param name="SerialTailBytes">How much of the serial console <c>GetStateAsync</c> returns.</param>
public sealed record GcpSessionOptions(
    long RawDiskGranularity = DiskTarball.GceGranularity,
    TimeSpan? OperationTimeout = null,
    int SerialTailBytes = 4096)
{
    public TimeSpan EffectiveOperationTimeout => OperationTimeout ?? TimeSpan.FromMinutes(15);
}
