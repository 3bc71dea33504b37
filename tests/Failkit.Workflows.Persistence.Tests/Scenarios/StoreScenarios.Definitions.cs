using System.Text.Json;
using Failkit.Workflows.Core;
using Failkit.Workflows.Core.Model;
using Failkit.Workflows.Runtime;
using Failkit.Workflows.Runtime.Stores;
using Microsoft.Extensions.DependencyInjection;

namespace Failkit.Workflows.Persistence.Tests.Scenarios;

public abstract partial class StoreScenarios
{
    [Fact]
    public async Task Definitions_SavePublishRetractRevertDelete_RoundTripThroughTheStore()
    {
        await using var host = await CreateHostAsync();
        var defs = host.Definitions;
        var store = host.Services.GetRequiredService<IWorkflowDefinitionStore>();
        var v1 = (await defs.SaveAsync(Model(Lines("versioned", "one")), publish: true, Ct)).Definition;
        var v2 = (await defs.SaveAsync(Model(Lines("versioned", "two")), publish: false, Ct)).Definition;
        var v2Before = (await store.FindByIdAsync(v2.Id, Ct))!.Revision;

        var overwritten = (await defs.SaveAsync(Model(Lines("versioned", "two, again")), publish: false, Ct)).Definition;

        Assert.Equal(v2.Id, overwritten.Id);
        var reloaded = (await store.FindByIdAsync(v2.Id, Ct))!;
        Assert.NotEqual(v2Before, reloaded.Revision);
        Assert.Contains("two, again", reloaded.Root.ToJsonString());
        Assert.Equal([(1, false, true), (2, true, false)], Flags(await store.GetVersionsAsync("versioned", Ct)));
        Assert.Equal(v1.Id, Assert.Single(await store.ListAsync(VersionOptions.Published, null, Ct)).Id);
        Assert.Equal(v2.Id, Assert.Single(await store.ListAsync(VersionOptions.Latest, ["versioned"], Ct)).Id);

        await defs.PublishAsync("versioned", Ct);
        Assert.Equal([(1, false, false), (2, true, true)], Flags(await store.GetVersionsAsync("versioned", Ct)));

        await defs.RetractAsync("versioned", Ct);
        var v3 = await defs.RevertAsync("versioned", 1, Ct);
        Assert.Equal(3, v3.Version);
        Assert.Equal([(1, false, false), (2, false, false), (3, true, false)], Flags(await store.GetVersionsAsync("versioned", Ct)));
        Assert.Contains("\"one\"", (await store.FindByIdAsync(v3.Id, Ct))!.Root.ToJsonString());

        Assert.True(await defs.DeleteVersionAsync(v3.Id, Ct));
        Assert.Equal([(1, false, false), (2, true, false)], Flags(await store.GetVersionsAsync("versioned", Ct)));
        Assert.Null(await store.FindByIdAsync(v3.Id, Ct));
        Assert.Equal(2, (await store.ListAsync(VersionOptions.AllVersions, null, Ct)).Count);

        Assert.True(await defs.DeleteAsync("versioned", Ct));
        Assert.Empty(await store.GetVersionsAsync("versioned", Ct));
    }

    [Fact]
    public async Task RunningInstance_KeepsTheVersionItStartedOn()
    {
        await using var host = await CreateHostAsync();
        var v1 = await host.PublishAsync(EventFlow("pinned", "go"));
        var run = await host.Runtime.StartAsync("pinned", new StartRequest(), Ct);
        var v2 = await host.PublishAsync(EventFlow("pinned", "go").Replace("\"after\"", "\"after v2\""));

        await host.Runtime.PublishEventAsync("go", null, null, Ct);

        Assert.NotEqual(v1.Id, v2.Id);
        var state = await host.Services.GetRequiredService<IWorkflowInstanceStore>().GetAsync(run.InstanceId, Ct);
        Assert.Equal(v1.Id, state!.DefinitionVersionId);
        Assert.Equal(["before", "after"], host.Console.Lines);
    }

    [Fact]
    public async Task Query_FiltersByStatusDefinitionCorrelationAndTime_AndPages()
    {
        await using var host = await CreateHostAsync();
        var store = host.Services.GetRequiredService<IWorkflowInstanceStore>();
        await host.PublishAsync(Lines("q-done", "x"));
        await host.PublishAsync(EventFlow("q-wait", "go"));
        var start = Time.GetUtcNow();
        var ids = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            Time.Advance(TimeSpan.FromMinutes(1));
            var definition = i % 2 == 0 ? "q-done" : "q-wait";
            ids.Add((await host.Runtime.StartAsync(definition, new StartRequest { CorrelationId = $"corr-{i % 3}" }, Ct)).InstanceId);
        }

        var finished = await store.QueryAsync(new InstanceQuery { Status = WorkflowStatus.Finished }, Ct);
        Assert.Equal(3, finished.Total);
        Assert.All(finished.Items, s => Assert.Equal("q-done", s.DefinitionId));
        Assert.Equal(2, (await store.QueryAsync(new InstanceQuery { SubStatuses = [WorkflowSubStatus.Suspended] }, Ct)).Total);
        Assert.Equal(2, (await store.QueryAsync(new InstanceQuery { DefinitionId = "q-wait" }, Ct)).Total);
        Assert.Equal(5, (await store.QueryAsync(new InstanceQuery { DefinitionIds = ["q-wait", "q-done"] }, Ct)).Total);
        Assert.Equal([ids[0], ids[3]], (await store.QueryAsync(new InstanceQuery { CorrelationId = "corr-0", Descending = false }, Ct)).Items.Select(s => s.Id));
        var window = await store.QueryAsync(new InstanceQuery { CreatedFrom = start.AddMinutes(2), CreatedTo = start.AddMinutes(4), Descending = false }, Ct);
        Assert.Equal(ids[1..4], window.Items.Select(s => s.Id));

        Assert.Equal(3, (await store.QueryAsync(new InstanceQuery { SearchTerm = "Q-DO" }, Ct)).Total);
        Assert.Equal([ids[4]], (await store.QueryAsync(new InstanceQuery { SearchTerm = ids[4][2..10] }, Ct)).Items.Select(s => s.Id));

        var page = await store.QueryAsync(new InstanceQuery { Page = 1, PageSize = 2 }, Ct);
        Assert.Equal(5, page.Total);
        Assert.Equal([ids[2], ids[1]], page.Items.Select(s => s.Id));
        Assert.All(page.Items, s => Assert.Equal(start.AddMinutes(ids.IndexOf(s.Id) + 1), s.CreatedAt));
    }

    private static WorkflowDefinition Model(string json) => JsonSerializer.Deserialize<WorkflowDefinition>(json, WorkflowJson.Options)!;

    private static (int Version, bool IsLatest, bool IsPublished)[] Flags(IEnumerable<WorkflowDefinition> versions) =>
        versions.OrderBy(v => v.Version).Select(v => (v.Version, v.IsLatest, v.IsPublished)).ToArray();

    /// <summary>WriteLine "before", wait for the named event, WriteLine "after".</summary>
    protected static string EventFlow(string definitionId, string eventName) => $$"""
        { "definitionId": "{{definitionId}}", "name": "{{definitionId}}",
          "root": { "type": "Elsa.Sequence", "id": "s1", "activities": [
            { "type": "Elsa.WriteLine", "id": "w1", "text": { "typeName": "String", "expression": { "type": "Literal", "value": "before" } } },
            { "type": "Elsa.Event", "id": "ev", "eventName": { "typeName": "String", "expression": { "type": "Literal", "value": "{{eventName}}" } } },
            { "type": "Elsa.WriteLine", "id": "boom", "text": { "typeName": "String", "expression": { "type": "Literal", "value": "after" } } }
          ] } }
        """;

    /// <summary>A sequence of WriteLines, optionally committed after every activity.</summary>
    protected static string Lines(string definitionId, params string[] texts) => Lines(definitionId, false, texts);

    protected static string Lines(string definitionId, bool commitPerActivity, params string[] texts)
    {
        var activities = string.Join(",\n", texts.Select((t, i) =>
            $$"""{ "type": "Elsa.WriteLine", "id": "w{{i}}", "text": { "typeName": "String", "expression": { "type": "Literal", "value": "{{t}}" } } }"""));
        var options = commitPerActivity ? "\"options\": { \"commitStrategyName\": \"Activity\" }," : "";
        return $$"""
            { "definitionId": "{{definitionId}}", "name": "{{definitionId}}", {{options}}
              "root": { "type": "Elsa.Sequence", "id": "s1", "activities": [ {{activities}} ] } }
            """;
    }
}
