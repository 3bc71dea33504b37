namespace Failkit.Drills.Cloud;

/// <summary>What a drill needs from a cloud. Every creating call is idempotent on the request's
/// <c>IdempotencyKey</c> (EC2 <c>ClientToken</c>, ARM PUT by deterministic name, GCE <c>requestId</c>), so a step
/// retried after a crash never creates a second resource. Every call retries throttling (EC2
/// <c>RequestLimitExceeded</c>, HTTP 429 / <c>Retry-After</c>, GCE rate limits) with backoff, and holds one slot of
/// the account's concurrency cap while it talks to the cloud.</summary>
public interface ICloudSession : IAsyncDisposable
{
    /// <summary>True only for the simulated cloud; everything it produces is labelled SIMULATED.</summary>
    bool Simulated { get; }

    /// <summary>Turns a recovery point's blocks into something bootable: EBS snapshot then AMI, page blob then
    /// managed disk, object then image.</summary>
    Task<CloudDisk> HydrateAsync(HydrateRequest request, CancellationToken ct);

    /// <summary>Launches the VM in the isolated drill network, tagged with the drill tag.</summary>
    Task<CloudInstance> LaunchAsync(LaunchRequest request, CancellationToken ct);

    /// <summary>One look at the instance: its phase, status checks, and the serial console's tail.</summary>
    Task<InstanceState> GetStateAsync(CloudInstance instance, CancellationToken ct);

    /// <summary>One attempt of a probe (the caller retries). HTTP and TCP go to the instance's private address
    /// (see <see cref="DirectProbe"/>); script probes go through the cloud's run-command.</summary>
    Task<ProbeAttempt> ProbeAsync(CloudInstance instance, ProbeSpec probe, CancellationToken ct);

    /// <summary>Deletes everything carrying the drill tag, in dependency order (instances, then NICs and IPs, then
    /// disks, images and snapshots). Waits for instances to terminate where the cloud requires it. Never throws for
    /// a single resource: failures are listed in the report.</summary>
    Task<TeardownReport> TeardownAsync(string drillTagValue, CancellationToken ct);

    /// <summary>Sweeps the account by the drill tag across instances, disks, snapshots, images, NICs and IPs.</summary>
    Task<IReadOnlyList<CloudResource>> SweepAsync(string drillTagValue, CancellationToken ct);
}
