using System.Text.Json.Nodes;
using Failkit.CloudFakes.Gcp;
using Failkit.Drills.Cloud;
using Failkit.Drills.Tests.Fixtures;

namespace Failkit.Drills.Tests;

/// <summary>Drills on GCE through the real runbook and the real REST session, against the wire-level GCE/GCS fake. The
/// fake is shared by the class, so every assertion on it is scoped to the drill's label.</summary>
public sealed class GcpDrillTests(GcpPlaneFixture fixture) : IClassFixture<GcpPlaneFixture>
{
    private FakeGcp Fake => fixture.Fake;

    [Fact]
    public async Task ThreeVmDrill_BootsProbesAndLeavesNothingInTheProject()
    {
        await using var target = await ProbeTarget.StartAsync();
        var (drill, tag) = await RunAsync(target);

        CloudDrill.AssertSucceeded(drill);
        AssertNothingLiveOf(tag);
        Assert.True(target.HealthRequests >= 3);
    }

    [Fact]
    public async Task ThrottledBoot_SucceedsAfterBackoff()
    {
        await using var target = await ProbeTarget.StartAsync();
        var before = (Fake.Calls("instances.insert"), Fake.Calls("images.insert"));
        Fake.ThrottleNext("instances.insert", 2);
        Fake.ThrottleNext("images.insert", 1, asForbidden: true, retryAfterSeconds: 0);

        var (drill, tag) = await RunAsync(target);

        CloudDrill.AssertSucceeded(drill);
        // Three inserts of each got through, after two 429s and one 403 rateLimitExceeded.
        Assert.Equal(3 + 2, Fake.Calls("instances.insert") - before.Item1);
        Assert.Equal(3 + 1, Fake.Calls("images.insert") - before.Item2);
        AssertNothingLiveOf(tag);
    }

    [Fact]
    public async Task InsertWhoseAnswerIsLost_IsAskedAgainAndCreatesOneInstancePerVm()
    {
        await using var target = await ProbeTarget.StartAsync();
        var before = Fake.Calls("instances.insert");
        // GCE carries the first insert out, then the connection dies before the answer: the step asks again with the same requestId.
        Fake.DropResponseOfNext("instances.insert");
        var seen = new HashSet<string>(StringComparer.Ordinal);
        string? running = null;

        var (drill, tag) = await RunAsync(target, t => running = t,
            () => seen.UnionWith(Fake.Instances.Where(i => running is not null && i.Labels.GetValueOrDefault(DrillTags.Key) == running).Select(i => i.Name)));

        Assert.Equal(3 + 1, Fake.Calls("instances.insert") - before);
        Assert.Equal(3, seen.Count);
        CloudDrill.AssertSucceeded(drill);
        AssertNothingLiveOf(tag);
    }

    [Fact]
    public async Task DiskWhoseDeleteFails_DrillFailsWithTheDiskInLeftovers()
    {
        await using var target = await ProbeTarget.StartAsync(held: true);
        var account = await fixture.AccountAsync();
        var group = await CloudDrill.GroupAsync(fixture.Plane, account.Id, target);
        using var client = await fixture.Plane.ApiClientAsync();
        var (id, tag) = await CloudDrill.StartAsync(client, group.Id, await CloudDrill.QuickSweepRunbookAsync(fixture.Plane));
        // The probes stay red until the first wave's boot disk exists; then its delete fails and auto-delete leaves it.
        var leaked = await Eventually.FoundAsync(() => Fake.Disks.FirstOrDefault(d => d.Labels.GetValueOrDefault(DrillTags.Key) == tag)?.Name);
        Fake.FailDeleteOf(leaked);
        // The image was imported from the recovery point's raw disk: a header block naming the point, zeros after it.
        var raw = Fake.RawDiskOf(Fake.Images.First(i => i.Labels.GetValueOrDefault(DrillTags.Key) == tag).Name);
        Assert.StartsWith("failkit recovery point ", System.Text.Encoding.UTF8.GetString(raw.AsSpan(0, 64)), StringComparison.Ordinal);
        Assert.Equal(8L << 20, raw.LongLength);
        target.Release();

        var drill = await DrillPlane.FinishedAsync(client, id);

        Assert.True(drill["status"]!.GetValue<string>() == DrillStatus.Failed, drill.ToJsonString());
        Assert.EndsWith("/disks/" + leaked, Assert.Single(CloudDrill.Leftovers(drill)), StringComparison.Ordinal);
        Assert.All(drill["vms"]!.AsArray(), vm => Assert.Equal("Passed", vm!["verdict"]!.GetValue<string>()));
        Assert.Equal(leaked, Assert.Single(Fake.Disks, d => d.Labels.GetValueOrDefault(DrillTags.Key) == tag).Name);
        Assert.DoesNotContain(Fake.Instances, i => i.Labels.GetValueOrDefault(DrillTags.Key) == tag);
    }

    private async Task<(JsonObject Drill, string Tag)> RunAsync(ProbeTarget target, Action<string>? started = null, Action? whileRunning = null)
    {
        var account = await fixture.AccountAsync();
        var group = await CloudDrill.GroupAsync(fixture.Plane, account.Id, target);
        using var client = await fixture.Plane.ApiClientAsync();
        var (id, tag) = await CloudDrill.StartAsync(client, group.Id);
        started?.Invoke(tag);
        var drill = await DrillPlane.WaitAsync(client, id, d =>
        {
            whileRunning?.Invoke();
            return d["status"]?.GetValue<string>() != DrillStatus.Running;
        });
        return (drill, tag);
    }

    private void AssertNothingLiveOf(string tag)
    {
        Assert.DoesNotContain(Fake.Instances, i => i.Labels.GetValueOrDefault(DrillTags.Key) == tag);
        Assert.DoesNotContain(Fake.Disks, d => d.Labels.GetValueOrDefault(DrillTags.Key) == tag);
        Assert.DoesNotContain(Fake.Images, i => i.Labels.GetValueOrDefault(DrillTags.Key) == tag);
        Assert.DoesNotContain(Fake.Objects, o => o.Contains(tag, StringComparison.Ordinal));
    }
}
