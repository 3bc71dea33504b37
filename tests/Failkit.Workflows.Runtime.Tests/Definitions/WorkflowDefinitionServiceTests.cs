using System.Text.Json;
using Failkit.Testing;
using Failkit.Workflows.Core;
using Failkit.Workflows.Core.Model;
using Failkit.Workflows.Runtime.Definitions;
using Failkit.Workflows.Runtime.Stores;
using Microsoft.Extensions.DependencyInjection;

namespace Failkit.Workflows.Runtime.Tests.Definitions;

public sealed class WorkflowDefinitionServiceTests : IAsyncDisposable
{
    private readonly WorkflowTestHost _host = WorkflowTestHost.Create();

    private WorkflowDefinitionService Service => _host.Definitions;

    private IWorkflowDefinitionStore Store => _host.Services.GetRequiredService<IWorkflowDefinitionStore>();

    [Fact]
    public async Task SaveDraft_OverwritesUnpublishedLatest_InPlace()
    {
        var v1 = await Save("one");
        var again = await Save("two");

        Assert.Equal((v1.Id, 1), (again.Id, again.Version));
        Assert.Single(await Versions());
        Assert.False(again.IsPublished);
    }

    [Fact]
    public async Task SaveAfterPublish_CreatesNewDraft_AndPublishedStaysReadable()
    {
        var v1 = (await Service.SaveAsync(Model("one"), publish: true, default)).Definition;
        var v2 = await Save("two");

        Assert.Equal(2, v2.Version);
        Assert.NotEqual(v1.Id, v2.Id);
        var versions = await Versions();
        Assert.Equal([(1, false, true), (2, true, false)], versions.Select(v => (v.Version, v.IsLatest, v.IsPublished)));
        Assert.Contains("one", (await Store.FindByIdAsync(v1.Id, default))!.Root.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Publish_MovesPublishedFlag_ToOneVersionOnly()
    {
        await Service.SaveAsync(Model("one"), publish: true, default);
        await Save("two");
        var published = await Service.PublishAsync("d", default);
        var again = await Service.PublishAsync("d", default);

        Assert.Equal(2, published.Definition.Version);
        Assert.True(again.AlreadyPublished);
        Assert.Equal([false, true], (await Versions()).Select(v => v.IsPublished));
    }

    [Fact]
    public async Task Retract_ClearsPublished_KeepsLatest_AndUnpublishedRetractIsRejected()
    {
        await Service.SaveAsync(Model("one"), publish: true, default);
        var retracted = await Service.RetractAsync("d", default);

        Assert.False(retracted.IsPublished);
        Assert.True(retracted.IsLatest);
        await Assert.ThrowsAsync<VersioningException>(() => Service.RetractAsync("d", default));
        await Assert.ThrowsAsync<DefinitionNotFoundException>(() => Service.RetractAsync("nope", default));
    }

    [Fact]
    public async Task Revert_CopiesOldVersionAsNewDraft()
    {
        await Service.SaveAsync(Model("one"), publish: true, default);
        await Save("two");

        var reverted = await Service.RevertAsync("d", 1, default);

        Assert.Equal((3, true, false), (reverted.Version, reverted.IsLatest, reverted.IsPublished));
        Assert.Contains("one", reverted.Root.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal([(1, false, true), (2, false, false), (3, true, false)], (await Versions()).Select(v => (v.Version, v.IsLatest, v.IsPublished)));
    }

    [Fact]
    public async Task DeleteVersion_PromotesHighestRemainingToLatest()
    {
        await Service.SaveAsync(Model("one"), publish: true, default);
        var v2 = await Save("two");

        Assert.True(await Service.DeleteVersionAsync(v2.Id, default));

        var remaining = Assert.Single(await Versions());
        Assert.Equal((1, true, true), (remaining.Version, remaining.IsLatest, remaining.IsPublished));
        Assert.False(await Service.DeleteVersionAsync(v2.Id, default));
    }

    [Fact]
    public async Task Publish_RejectsInvalidDefinition_NamingActivityAndField()
    {
        var model = JsonSerializer.Deserialize<WorkflowDefinition>("""
            { "definitionId": "bad", "name": "bad", "root": { "type": "Elsa.Flowchart", "id": "f", "activities": [
                { "type": "Failkit.DoesNotExist", "id": "ghost" },
                { "type": "Elsa.Delay", "id": "wait" },
                { "type": "Elsa.WriteLine", "id": "w", "text": { "typeName": "String", "expression": { "type": "Python", "value": "1" } } } ],
              "connections": [ { "source": { "activity": "w", "port": "Done" }, "target": { "activity": "missing", "port": "In" } } ] } }
            """, WorkflowJson.Options)!;

        var ex = await Assert.ThrowsAsync<Core.Serialization.WorkflowValidationException>(() => Service.SaveAsync(model, publish: true, default));

        Assert.Contains(ex.Errors, e => e is { ActivityId: "ghost", Field: "type" });
        Assert.Contains(ex.Errors, e => e is { ActivityId: "wait", Field: "timeSpan" });
        Assert.Contains(ex.Errors, e => e is { ActivityId: "w", Field: "text" } && e.Message.Contains("Python", StringComparison.Ordinal));
        Assert.Contains(ex.Errors, e => e is { ActivityId: "missing", Field: "connections" });
        Assert.Empty(await Store.GetVersionsAsync("bad", default));
    }

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    private async Task<WorkflowDefinition> Save(string text) => (await Service.SaveAsync(Model(text), publish: false, default)).Definition;

    private async Task<List<WorkflowDefinition>> Versions() =>
        (await Store.GetVersionsAsync("d", default)).OrderBy(v => v.Version).ToList();

    private static WorkflowDefinition Model(string text) =>
        JsonSerializer.Deserialize<WorkflowDefinition>(Json.Writer("d", text), WorkflowJson.Options)!;
}
