using Failkit.Testing;
using Failkit.Workflows.Core;
using Failkit.Workflows.Persistence;
using Failkit.Workflows.Runtime.Stores;
using Microsoft.Extensions.DependencyInjection;

namespace Failkit.Tenancy.Tests;

public sealed class WorkflowRuntimeAsAppRoleTests
{
    [Fact]
    public async Task WorkflowRuntime_RunsEndToEndAsTheAppRole_AndStampsEveryRowWithTheTenant()
    {
        var tenant = await Tenants.ProvisionAsync("wf");
        await using var host = WorkflowTestHost.Create(
            services => services.AddFailkitPostgres(tenant.AppConnectionString, o => o.MigrateOnStartup = false),
            workflows => workflows.RunTriggers = false);

        var run = await host.RunAsync("""
            { "definitionId": "tenant-flow", "name": "tenant-flow",
              "root": { "type": "Elsa.Sequence", "id": "s1", "activities": [
                { "type": "Elsa.WriteLine", "id": "w1", "text": { "typeName": "String", "expression": { "type": "Literal", "value": "before" } } },
                { "type": "Elsa.Event", "id": "ev", "eventName": { "typeName": "String", "expression": { "type": "Literal", "value": "go" } } },
                { "type": "Elsa.WriteLine", "id": "w2", "text": { "typeName": "String", "expression": { "type": "Literal", "value": "after" } } }
              ] } }
            """);
        Assert.Equal(WorkflowSubStatus.Suspended, run.SubStatus);
        await host.Runtime.PublishEventAsync("go", null, null, CancellationToken.None);
        await host.DrainAsync();

        Assert.Equal(["before", "after"], host.Console.Lines);
        var stored = await host.Services.GetRequiredService<IWorkflowInstanceStore>().GetAsync(run.InstanceId, CancellationToken.None);
        Assert.Equal(WorkflowSubStatus.Finished, stored!.SubStatus);
        var superuser = await Tenants.SuperuserAsync(tenant);
        Assert.Equal(tenant.Slug.Value, await Db.ScalarAsync<string>(superuser, "SELECT tenant_id FROM workflows.instances WHERE id = $1", run.InstanceId));
        Assert.Equal([tenant.Slug.Value], await Db.ScalarAsync<string[]>(superuser, """
            SELECT array_agg(DISTINCT tenant_id) FROM (
              SELECT tenant_id FROM workflows.instances UNION ALL SELECT tenant_id FROM workflows.definitions
              UNION ALL SELECT tenant_id FROM workflows.journal) t
            """));
        Assert.Equal(0L, await Db.ScalarAsync<long>(Tenants.Unscoped(tenant.AppConnectionString), "SELECT count(*) FROM workflows.instances"));
    }
}
