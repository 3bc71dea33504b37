using Failkit.Activities.Drills.Tests.Fixtures;
using Failkit.Workflows.Core;

namespace Failkit.Activities.Drills.Tests;

public sealed class ListWavesTests(TenantFixture tenant)
{
    [Fact]
    public async Task Waves_EachOnce_InBootOrder()
    {
        await using var h = new DrillHarness(tenant.Tenant);
        var account = await h.SimAccountAsync();
        var group = await h.GroupAsync(account.Id, [h.Vm("app-1", wave: 3), h.Vm("db", wave: 1), h.Vm("app-2", wave: 3), h.Vm("cache", wave: 2), h.Vm("dns", wave: 1)]);
        var drill = await h.DrillAsync(group);

        var run = await h.RunAsync(drill.Id, Step.Of("ListWaves"));

        Assert.Equal(WorkflowSubStatus.Finished, run.SubStatus);
        Assert.Equal([1, 2, 3], DrillHarness.Output(await h.CompletedStepAsync(run.InstanceId), "Waves")!.AsArray().Select(w => w!.GetValue<int>()));
    }

    [Fact]
    public async Task UnknownDrill_FaultsNamingIt()
    {
        await using var h = new DrillHarness(tenant.Tenant);
        var missing = Guid.NewGuid();

        var run = await h.RunAsync(missing, Step.Of("ListWaves"));

        Assert.Equal(WorkflowSubStatus.Faulted, run.SubStatus);
        Assert.Equal($"DRILL_NOT_FOUND: Drill {missing} does not exist.", Assert.Single(run.Incidents).Message);
    }
}
