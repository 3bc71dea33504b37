using System.Buffers.Binary;
using System.Security.Cryptography;
using Failkit.Drills.Cloud;

namespace Failkit.Activities.Sim;

/// <summary>A session on the simulated cloud. Latencies elapse on the injected clock, scaled by
/// <see cref="SimSettings.TimeScale"/>; every call goes through the account's <see cref="CloudCalls"/> like a real
/// provider's, so throttling and the concurrency cap behave the same.</summary>
public sealed partial class SimSession(SimCloud cloud, CloudCalls calls, CloudAccount account) : ICloudSession
{
    private readonly TimeProvider _time = cloud.Time;

    public bool Simulated => true;

    public SimCloud Cloud { get; } = cloud;

    private SimSettings Settings => Cloud.Settings;

    public async Task<CloudDisk> HydrateAsync(HydrateRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var tags = TagsFor(request.DrillTagValue, request.VmName, request.Tags);
        var (disk, createId) = await calls.RunAsync(_ => Task.FromResult(Cloud.CreateDisk(request, tags)), ct);
        List<string> requestIds = [createId];
        if (disk.State != SimDiskState.Complete)
        {
            var (blocks, bytes, sha) = await DigestAsync(request.Disk, createId, ct);
            var hydrate = SimSampler.For(Settings, request.VmName).HydrateSeconds;
            var readyAt = _time.GetUtcNow() + Settings.Real(hydrate);
            requestIds.Add(await calls.RunAsync(_ => Task.FromResult(Cloud.CompleteDisk(disk, blocks, bytes, sha, readyAt)), ct));
        }

        // Waiting for the disk is not a call: it holds no slot of the concurrency cap. A loop, because a timer may
        // fire a little before the clock reads its due time.
        while (disk.ReadyAt - _time.GetUtcNow() is { } wait && wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, _time, ct);
        }

        return new CloudDisk(disk.Id, "disk", requestIds);
    }

    public async Task<CloudInstance> LaunchAsync(LaunchRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var tags = TagsFor(request.DrillTagValue, request.VmName, request.Tags);
        var (instance, requestId) = await calls.RunAsync(_ => Task.FromResult(Cloud.RunInstances(request, tags)), ct);
        return new CloudInstance(instance.Id, instance.PrivateAddress, [requestId]);
    }

    public async Task<InstanceState> GetStateAsync(CloudInstance instance, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(instance);
        var (sim, _) = await calls.RunAsync(_ => Task.FromResult(Cloud.DescribeInstance(instance.Id)), ct);
        return StateOf(sim, _time.GetUtcNow());
    }

    public async Task<ProbeAttempt> ProbeAsync(CloudInstance instance, ProbeSpec probe, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(instance);
        ArgumentNullException.ThrowIfNull(probe);
        string? requestId = null;
        SimInstance sim;
        if (probe.Kind == ProbeKind.Script)
        {
            (sim, requestId) = await calls.RunAsync(
                _ => Task.FromResult(RunCommand(instance.Id, probe.Name)), ct);
        }
        else
        {
            sim = Cloud.Peek(instance.Id);
        }

        return Probe(sim, probe, _time.GetUtcNow()) with { RequestId = requestId };
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private (SimInstance, string) RunCommand(string instanceId, string probeName)
    {
        var vm = Cloud.Peek(instanceId).VmName;
        Cloud.Admit(SimOperations.RunCommand, $"{instanceId}/{probeName}", vm);
        return (Cloud.Peek(instanceId), Cloud.NextRequestId());
    }

    private Dictionary<string, string> TagsFor(string drillTagValue, string vmName, IReadOnlyDictionary<string, string> requested)
    {
        var tags = new Dictionary<string, string>(account.Tags, StringComparer.Ordinal);
        foreach (var (key, value) in requested)
        {
            tags[key] = value;
        }

        tags[DrillTags.Key] = drillTagValue;
        tags[DrillTags.VmKey] = vmName;
        return tags;
    }

    /// <summary>Reads every block, checking it fits the disk, and digests index + data.</summary>
    private static async Task<(long Blocks, long Bytes, string Sha256)> DigestAsync(DiskImage image, string requestId, CancellationToken ct)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var index = new byte[8];
        long blocks = 0, bytes = 0;
        await foreach (var block in image.ReadBlocks(ct).WithCancellation(ct))
        {
            if (block.Index < 0 || block.Data.Length > image.BlockSize || (block.Index * image.BlockSize) + block.Data.Length > image.SizeBytes)
            {
                throw new CloudOperationException(
                    $"SIMULATED InvalidBlock: block {block.Index} ({block.Data.Length} bytes) does not fit disk {image.DiskName} of {image.SizeBytes} bytes in blocks of {image.BlockSize} (request {requestId}).",
                    "InvalidBlock", requestId);
            }

            BinaryPrimitives.WriteInt64LittleEndian(index, block.Index);
            sha.AppendData(index);
            sha.AppendData(block.Data.Span);
            blocks++;
            bytes += block.Data.Length;
        }

        return (blocks, bytes, Convert.ToHexStringLower(sha.GetHashAndReset()));
    }
}
