using System.Text.Json;
using Failkit.Testing;
using Failkit.Workflows.Core;
using Failkit.Workflows.Core.Model;
using Failkit.Workflows.Runtime.Definitions;
using Microsoft.Extensions.DependencyInjection;

namespace Failkit.Workflows.Runtime.Tests;

public sealed class WorkflowRuntimeTests : IAsyncDisposable
{
    private readonly WorkflowTestHost _host = WorkflowTestHost.Create();

    [Fact]
    public async Task RunningInstance_KeepsTheVersionItStartedOn()
    {
        var waiting = """
            { "definitionId": "v", "name": "v", "root": { "type": "Elsa.Sequence", "id": "s", "activities": [
              { "type": "Elsa.Event", "id": "e", "eventName": { "typeName": "String", "expression": { "type": "Literal", "value": "go" } } },
              { "type": "Elsa.WriteLine", "id": "w", "text": { "typeName": "String", "expression": { "type": "Literal", "value": "from v1" } } } ] } }
            """;
        var run = await _host.RunAsync(waiting);
        await _host.PublishAsync(waiting.Replace("from v1", "from v2", StringComparison.Ordinal));

        await _host.Runtime.PublishEventAsync("go", null, null, default);

        Assert.Equal(1, run.State.DefinitionVersion);
        Assert.Contains("from v1", _host.Console.Lines);
    }

    [Fact]
    public async Task StartWithoutVersion_UsesPublished_LatestOptionRunsDraft()
    {
        await _host.PublishAsync(Json.Writer("p", "published"));
        await _host.Definitions.SaveAsync(JsonSerializer.Deserialize<WorkflowDefinition>(Json.Writer("p", "draft"), WorkflowJson.Options)!, false, default);

        await _host.Runtime.StartAsync("p", new StartRequest(), default);
        await _host.Runtime.StartAsync("p", new StartRequest { Version = VersionOptions.Latest }, default);

        Assert.Equal(["published", "draft"], _host.Console.Lines);
    }

    [Fact]
    public async Task Start_UnknownDefinition_Throws()
    {
        await Assert.ThrowsAsync<DefinitionNotFoundException>(() => _host.Runtime.StartAsync("nope", new StartRequest(), default));
    }

    [Fact]
    public async Task Resume_UnknownBookmark_Throws_AndUnknownInstance_Throws()
    {
        var run = await _host.RunAsync(Json.Writer("x", "x"));

        await Assert.ThrowsAsync<BookmarkNotFoundException>(() => _host.Runtime.ResumeAsync(run.InstanceId, "nope", null, default));
        await Assert.ThrowsAsync<InstanceNotFoundException>(() => _host.Runtime.ResumeAsync("nope", "nope", null, default));
    }

    [Fact]
    public async Task Dispatch_QueuesInstance_WorkerRunsIt()
    {
        await _host.PublishAsync(Json.Writer("q", "queued"));

        var id = await _host.Runtime.DispatchAsync("q", new StartRequest { CorrelationId = "c1" }, default);
        Assert.Empty(_host.Console.Lines);
        await _host.DrainAsync();

        var state = await _host.Runtime.GetAsync(id, default);
        Assert.Equal((WorkflowSubStatus.Finished, "c1"), (state!.SubStatus, state.CorrelationId));
        Assert.Equal(["queued"], _host.Console.Lines);
    }

    [Fact]
    public async Task Cancel_StopsWaitingInstance()
    {
        var run = await _host.RunAsync("""
            { "definitionId": "c", "name": "c", "root": { "type": "Elsa.Event", "id": "e", "eventName": { "typeName": "String", "expression": { "type": "Literal", "value": "never" } } } }
            """);

        var cancelled = await _host.Runtime.CancelAsync(run.InstanceId, default);

        Assert.Equal(WorkflowSubStatus.Cancelled, cancelled.SubStatus);
        Assert.Empty(cancelled.Bookmarks);
        Assert.Empty((await _host.Runtime.PublishEventAsync("never", null, null, default)).Resumed);
    }

    [Fact]
    public async Task QueuedInstance_WhoseDefinitionWasDeleted_FaultsInsteadOfRetryingForever()
    {
        await _host.PublishAsync(Json.Writer("gone", "never"));
        var id = await _host.Runtime.DispatchAsync("gone", new StartRequest(), default);
        await _host.Definitions.DeleteAsync("gone", default);

        Assert.Equal(1, await _host.DrainAsync());

        var state = await _host.Runtime.GetAsync(id, default);
        Assert.Equal(WorkflowSubStatus.Faulted, state!.SubStatus);
        Assert.Contains("no longer exists", state.Fault, StringComparison.Ordinal);
        Assert.Equal(0, await _host.DrainAsync());
    }

    [Fact]
    public async Task WorkItemWhoseBurstKeepsThrowing_IsRetried_ThenFaultsTheInstance()
    {
        var waiting = """
            { "definitionId": "draft", "name": "draft", "root": { "type": "Elsa.Sequence", "id": "s", "activities": [
              { "type": "Elsa.Event", "id": "wait", "eventName": { "typeName": "String", "expression": { "type": "Literal", "value": "go" } } } ] } }
            """;
        await _host.Definitions.SaveAsync(JsonSerializer.Deserialize<WorkflowDefinition>(waiting, WorkflowJson.Options)!, false, default);
        var run = await _host.Runtime.StartAsync("draft", new StartRequest { Version = VersionOptions.Latest }, default);
        // Overwriting the draft in place removes the node the instance waits in: its state can no longer be restored.
        await _host.Definitions.SaveAsync(JsonSerializer.Deserialize<WorkflowDefinition>(waiting.Replace("\"wait\"", "\"other\"", StringComparison.Ordinal), WorkflowJson.Options)!, false, default);
        var store = _host.Services.GetRequiredService<Stores.IWorkflowInstanceStore>();
        await store.EnqueueAsync(new Stores.WorkRequest(run.InstanceId, Stores.WorkRequestKind.Resume, DateTimeOffset.UnixEpoch, run.Bookmarks[0].Id), default);

        for (var i = 0; i < WorkflowRuntime.MaxWorkAttempts; i++)
        {
            await Assert.ThrowsAsync<InvalidOperationException>(() => _host.Runtime.ProcessNextAsync(default));
        }

        Assert.True(await _host.Runtime.ProcessNextAsync(default));
        var state = await _host.Runtime.GetAsync(run.InstanceId, default);
        Assert.Equal(WorkflowSubStatus.Faulted, state!.SubStatus);
        Assert.Contains($"Gave up after {WorkflowRuntime.MaxWorkAttempts} failed attempts", state.Fault, StringComparison.Ordinal);
        Assert.False(await _host.Runtime.ProcessNextAsync(default));
    }

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();
}
