using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Failkit.Drills.Cloud;
using Microsoft.Extensions.Time.Testing;

namespace Failkit.Activities.Sim.Tests;

/// <summary>One simulated account on a fake clock. Each fixture has its own account id, so tests share no cloud.</summary>
internal sealed class SimFixture : IDisposable
{
    public const int BlockSize = 512 * 1024;

    public SimFixture(string settingsJson)
    {
        Settings = JsonNode.Parse(settingsJson)!.AsObject();
        Account = new CloudAccount(
            Guid.NewGuid(), "sim-test", CloudKind.Sim, "sim-1", new DrillNetwork("drill-net", "drill-subnet"),
            new Dictionary<string, string> { ["small"] = "sim.small" },
            new Dictionary<string, string> { ["owner"] = "failkit-tests" },
            Settings,
            []);
        Provider = new SimCloudProvider(Time);
    }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 29, 6, 0, 0, TimeSpan.Zero));

    public JsonObject Settings { get; }

    public CloudAccount Account { get; }

    public SimCloudProvider Provider { get; }

    public SimCloud Cloud => SimCloud.Find(Account.Id) ?? throw new InvalidOperationException("no session was opened yet");

    public CloudCalls Calls => CloudCalls.For(Account.Id, 1, Time);

    public string Drill { get; } = DrillTags.ValueFor(Guid.NewGuid());

    public ICloudSession Open() => Provider.Open(Account);

    public SimVmSamples Samples(string vm) => SimSampler.For(SimSettings.Parse(Settings), vm);

    public static (long Index, byte[] Data)[] Blocks(params (long Index, byte Fill)[] blocks) =>
        [.. blocks.Select(b => (b.Index, Enumerable.Repeat(b.Fill, BlockSize).ToArray()))];

    public HydrateRequest Hydrate(string vm, (long Index, byte[] Data)[] blocks, string? key = null) => new(
        Drill, vm, key ?? $"{Drill}/{vm}/disk",
        new DiskImage($"{vm}-root", 16L * BlockSize, BlockSize, _ => blocks.Select(b => new DiskBlock(b.Index, b.Data)).ToAsyncEnumerable()),
        new Dictionary<string, string> { ["purpose"] = "drill" });

    public LaunchRequest Launch(string vm, CloudDisk disk, string? key = null) => new(
        Drill, vm, key ?? $"{Drill}/{vm}/instance", [disk], "sim.small", new Dictionary<string, string>());

    /// <summary>Hydrates (moving the clock by the VM's hydrate sample) and launches.</summary>
    public async Task<(CloudDisk Disk, CloudInstance Instance)> BootAsync(ICloudSession session, string vm)
    {
        var hydrating = session.HydrateAsync(Hydrate(vm, Blocks((0, 1))), default);
        Time.Advance(TimeSpan.FromSeconds(Samples(vm).HydrateSeconds * SimSettings.Parse(Settings).TimeScale));
        var disk = await hydrating.WaitAsync(TimeSpan.FromSeconds(10));
        return (disk, await session.LaunchAsync(Launch(vm, disk), default));
    }

    /// <summary>Moves the clock to <paramref name="at"/> after <paramref name="origin"/>.</summary>
    public void AdvanceTo(DateTimeOffset origin, TimeSpan at) => Time.Advance(origin + at - Time.GetUtcNow());

    /// <summary>Advances the clock in steps until the task finishes, for waits whose length the test does not know
    /// (jittered backoff).</summary>
    public async Task<T> DriveAsync<T>(Task<T> task, TimeSpan step, TimeSpan limit)
    {
        var advanced = TimeSpan.Zero;
        while (!task.IsCompleted)
        {
            // Lets the continuations the last step released run before the clock moves again.
            for (var i = 0; i < 50 && !task.IsCompleted; i++)
            {
                await Task.Yield();
            }

            if (task.IsCompleted)
            {
                break;
            }

            Assert.True(advanced < limit, $"the task did not finish within {limit} of simulated clock");
            Time.Advance(step);
            advanced += step;
        }

        return await task;
    }

    public static string Digest((long Index, byte[] Data)[] blocks)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var index = new byte[8];
        foreach (var (i, data) in blocks)
        {
            BinaryPrimitives.WriteInt64LittleEndian(index, i);
            sha.AppendData(index);
            sha.AppendData(data);
        }

        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }

    public void Dispose() => SimCloud.Forget(Account.Id);
}
