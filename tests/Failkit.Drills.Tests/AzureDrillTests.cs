using System.Text.Json.Nodes;
using Failkit.CloudFakes.Azure;
using Failkit.Drills.Cloud;
using Failkit.Drills.Tests.Fixtures;

namespace Failkit.Drills.Tests;

/// <summary>Drills on Azure through the real runbook and the real Azure.ResourceManager clients, against the ARM/Blob
/// fake. The fake is shared by the class, so every assertion on it is scoped to the drill's tag.</summary>
public sealed class AzureDrillTests(AzurePlaneFixture fixture) : IClassFixture<AzurePlaneFixture>
{
    private const string VmType = "Microsoft.Compute/virtualMachines";
    private const string DiskType = "Microsoft.Compute/disks";

    private AzureFake Fake => fixture.Fake;

    [Fact]
    public async Task ThreeVmDrill_BootsProbesAndLeavesNothingInTheSubscription()
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
        var before = Fake.CallCount("VirtualMachines_CreateOrUpdate");
        Fake.ThrottleNext("VirtualMachines_CreateOrUpdate", 2);

        var (drill, tag) = await RunAsync(target);

        CloudDrill.AssertSucceeded(drill);
        // Three creates got through, after two 429s with Retry-After.
        Assert.Equal(3 + 2, Fake.CallCount("VirtualMachines_CreateOrUpdate") - before);
        AssertNothingLiveOf(tag);
    }

    [Fact]
    public async Task CreateWhoseAnswerIsLost_IsAskedAgainAndCreatesOneVmPerVm()
    {
        await using var target = await ProbeTarget.StartAsync();
        var before = Fake.CallCount("VirtualMachines_CreateOrUpdate");
        // ARM carries the first PUT out, then the connection dies before the answer: the step PUTs the same name again.
        Fake.DropResponseOfNext("VirtualMachines_CreateOrUpdate");
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        string? tag = null;

        var (drill, drillTag) = await RunAsync(target, t => tag = t, () => seen.UnionWith(Fake.Resources(VmType).Where(r => Of(r, tag)).Select(r => r.Id)));

        Assert.Equal(3 + 1, Fake.CallCount("VirtualMachines_CreateOrUpdate") - before);
        Assert.Equal(3, seen.Count);
        CloudDrill.AssertSucceeded(drill);
        AssertNothingLiveOf(drillTag);
    }

    [Fact]
    public async Task DiskWhoseDeleteFails_DrillFailsWithTheDiskInLeftovers()
    {
        await using var target = await ProbeTarget.StartAsync(held: true);
        var account = await fixture.AccountAsync();
        var group = await CloudDrill.GroupAsync(fixture.Plane, account.Id, target);
        using var client = await fixture.Plane.ApiClientAsync();
        var (id, tag) = await CloudDrill.StartAsync(client, group.Id, await CloudDrill.QuickSweepRunbookAsync(fixture.Plane));
        // The probes stay red until the first wave's managed disk exists; then ARM refuses to delete it.
        var leaked = await Eventually.FoundAsync(() => Fake.Resources(DiskType).FirstOrDefault(r => Of(r, tag))?.Id);
        Fake.FailDeleteOf(leaked);
        target.Release();

        var drill = await DrillPlane.FinishedAsync(client, id);

        Assert.True(drill["status"]!.GetValue<string>() == DrillStatus.Failed, drill.ToJsonString());
        Assert.Equal(leaked, Assert.Single(CloudDrill.Leftovers(drill)), ignoreCase: true);
        Assert.All(drill["vms"]!.AsArray(), vm => Assert.Equal("Passed", vm!["verdict"]!.GetValue<string>()));
        Assert.Equal(leaked, Assert.Single(Fake.Resources(), r => Of(r, tag)).Id);
    }

    private static bool Of(FakeArmResource resource, string? tag) => tag is not null && resource.Tags.GetValueOrDefault(DrillTags.Key) == tag;

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
        Assert.DoesNotContain(Fake.Resources(), r => Of(r, tag));
        var blobs = Fake.BlobNames(AzurePlaneFixture.StorageAccount, AzurePlaneFixture.Container)
            .Select(n => Fake.PageBlob(AzurePlaneFixture.StorageAccount, AzurePlaneFixture.Container, n));
        Assert.DoesNotContain(blobs, b => b?.Metadata.GetValueOrDefault("failkit_drill") == tag);
    }
}
