using Failkit.Workflows.Core;
using Failkit.Workflows.Runtime.Stores;
using Microsoft.Extensions.DependencyInjection;

namespace Failkit.Workflows.Persistence.Tests.Scenarios;

public abstract partial class StoreScenarios
{
    /// <summary>A child that finishes at once commits work for its parent while the parent's session still holds the
    /// parent; a child that waits resumes its parent later through the work queue. Neither may block or be lost.</summary>
    [Fact]
    public async Task ChildWorkflows_FinishingAtOnceOrLater_ResumeTheirParent()
    {
        await using var host = await CreateHostAsync();
        await host.PublishAsync(Lines("child-sync", "child ran"));
        await host.PublishAsync(EventFlow("child-wait", "child-go"));
        var parent = await host.RunAsync("""
            { "definitionId": "parent", "name": "parent",
              "root": { "type": "Elsa.Sequence", "id": "s1", "activities": [
                { "type": "Elsa.ExecuteWorkflow", "id": "run1", "workflowDefinitionId": { "typeName": "String", "expression": { "type": "Literal", "value": "child-sync" } } },
                { "type": "Elsa.ExecuteWorkflow", "id": "run2", "workflowDefinitionId": { "typeName": "String", "expression": { "type": "Literal", "value": "child-wait" } } },
                { "type": "Elsa.WriteLine", "id": "w", "text": { "typeName": "String", "expression": { "type": "Literal", "value": "parent done" } } }
              ] } }
            """);
        Assert.Equal(WorkflowSubStatus.Suspended, parent.SubStatus);

        var published = await host.Runtime.PublishEventAsync("child-go", null, null, Ct);
        Assert.Single(published.Resumed);
        await host.DrainAsync();

        var store = host.Services.GetRequiredService<IWorkflowInstanceStore>();
        Assert.Equal(WorkflowSubStatus.Finished, (await store.GetAsync(parent.InstanceId, Ct))!.SubStatus);
        Assert.Equal(["child ran", "before", "after", "parent done"], host.Console.Lines);
        Assert.False(await host.Runtime.ProcessNextAsync(Ct));
    }
}
