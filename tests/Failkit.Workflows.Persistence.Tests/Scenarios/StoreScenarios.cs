using Failkit.Testing;
using Failkit.Workflows.Core;
using Failkit.Workflows.Core.Activities;
using Failkit.Workflows.Runtime;
using Failkit.Workflows.Runtime.Stores;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Failkit.Workflows.Persistence.Tests.Scenarios;

/// <summary>The store scenarios, written once and run against every store (workflow-core style): a subclass only
/// says how to build a host on its store. Each test uses a host of its own and so a store of its own.</summary>
public abstract partial class StoreScenarios
{
    protected FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 3, 1, 8, 0, 0, TimeSpan.Zero));

    /// <summary>The production registration on the store under test, with <see cref="Time"/> as the clock.</summary>
    protected abstract Task<WorkflowTestHost> CreateHostAsync();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static IWorkflowInstanceStore Store(WorkflowTestHost host) => host.Services.GetRequiredService<IWorkflowInstanceStore>();

    [Fact]
    public async Task Event_SuspendsOnBookmark_AndResumesWithPayload()
    {
        await using var host = await CreateHostAsync();
        var run = await host.RunAsync(EventFlow("ev-flow", "go"), correlationId: "order-7");

        Assert.Equal(WorkflowSubStatus.Suspended, run.SubStatus);
        var stored = await Store(host).GetAsync(run.InstanceId, Ct);
        Assert.NotNull(stored);
        Assert.Equal(WorkflowSubStatus.Suspended, stored.SubStatus);
        Assert.Single(stored.Bookmarks);
        Assert.Single(await Store(host).FindBookmarksAsync(Event.BookmarkName, "go", "order-7", Ct));
        Assert.Empty(await Store(host).FindBookmarksAsync(Event.BookmarkName, "go", "order-8", Ct));
        Assert.Empty(await Store(host).FindBookmarksAsync(Event.BookmarkName, "stop", null, Ct));

        var result = await host.Runtime.PublishEventAsync("go", "order-7", new Dictionary<string, object?> { ["n"] = 3 }, Ct);

        Assert.Equal([run.InstanceId], result.Resumed);
        var done = await Store(host).GetAsync(run.InstanceId, Ct);
        Assert.Equal(WorkflowSubStatus.Finished, done!.SubStatus);
        Assert.Empty(done.Bookmarks);
        Assert.Empty(await Store(host).FindBookmarksAsync(Event.BookmarkName, "go", null, Ct));
        Assert.Equal(["before", "after"], host.Console.Lines);
    }

    [Fact]
    public async Task Delay_QueuesTimer_AndResumesOnlyWhenDue()
    {
        await using var host = await CreateHostAsync();
        var run = await host.RunAsync("""
            { "definitionId": "delay-flow", "name": "delay",
              "root": { "type": "Elsa.Sequence", "id": "s1", "activities": [
                { "type": "Elsa.Delay", "id": "wait", "timeSpan": { "typeName": "TimeSpan", "expression": { "type": "Literal", "value": "00:01:00" } } },
                { "type": "Elsa.WriteLine", "id": "w", "text": { "typeName": "String", "expression": { "type": "Literal", "value": "woke" } } }
              ] } }
            """);

        Assert.Equal(WorkflowSubStatus.Suspended, run.SubStatus);
        Assert.Equal(Time.GetUtcNow().AddMinutes(1), Assert.Single(run.Bookmarks).ResumeAt);
        Assert.False(await host.Runtime.ProcessNextAsync(Ct));

        Time.Advance(TimeSpan.FromSeconds(61));

        Assert.True(await host.Runtime.ProcessNextAsync(Ct));
        Assert.False(await host.Runtime.ProcessNextAsync(Ct));
        Assert.Equal(WorkflowSubStatus.Finished, (await Store(host).GetAsync(run.InstanceId, Ct))!.SubStatus);
        Assert.Equal(["woke"], host.Console.Lines);
    }

    [Fact]
    public async Task Journal_HasOneRowPerActivityExecution_WithInputs()
    {
        await using var host = await CreateHostAsync();
        var run = await host.RunAsync(Lines("journal-flow", "one", "two", "three"));

        var journal = await Store(host).GetJournalAsync(run.InstanceId, Ct);

        Assert.Equal(["Elsa.Sequence", "Elsa.WriteLine", "Elsa.WriteLine", "Elsa.WriteLine"], journal.Select(r => r.ActivityType));
        Assert.All(journal, r => Assert.Equal(ActivityStatus.Completed, r.Status));
        Assert.All(journal, r => Assert.NotNull(r.CompletedAt));
        Assert.Equal("two", journal[2].Inputs!["Text"]);
        Assert.Equal(["Done"], journal[2].Outcomes);
        Assert.Equal(journal.Select(r => r.Sequence).Order(), journal.Select(r => r.Sequence));
    }

    [Fact]
    public async Task Dispatch_QueuesStart_AndWorkerRunsIt_CommittingPerActivity()
    {
        await using var host = await CreateHostAsync();
        var d = await host.PublishAsync(Lines("dispatch-flow", true, "a", "b", "c"));

        var id = await host.Runtime.DispatchAsync(d.DefinitionId, new StartRequest { CorrelationId = "c-1" }, Ct);

        Assert.Equal(WorkflowSubStatus.Pending, (await Store(host).GetAsync(id, Ct))!.SubStatus);
        Assert.Empty(host.Console.Lines);
        Assert.Equal(1, await host.DrainAsync());
        Assert.Equal(WorkflowSubStatus.Finished, (await Store(host).GetAsync(id, Ct))!.SubStatus);
        Assert.Equal(["a", "b", "c"], host.Console.Lines);
        Assert.Equal(4, (await Store(host).GetJournalAsync(id, Ct)).Count);
    }

    [Fact]
    public async Task Start_WithTheSameInstanceIdTwice_ReturnsTheFirstInstance()
    {
        await using var host = await CreateHostAsync();
        var d = await host.PublishAsync(EventFlow("idem-flow", "never"));
        var request = new StartRequest { InstanceId = "fixed-id-1" };

        var runs = await Task.WhenAll(
            host.Runtime.StartAsync(d.DefinitionId, request, Ct),
            host.Runtime.StartAsync(d.DefinitionId, request, Ct));

        Assert.All(runs, r => Assert.Equal("fixed-id-1", r.InstanceId));
        Assert.Equal(["before"], host.Console.Lines);
        Assert.Single((await Store(host).QueryAsync(new InstanceQuery { DefinitionId = "idem-flow" }, Ct)).Items);
    }

    [Fact]
    public async Task Delete_RemovesInstanceBookmarksAndJournal_AndQueuedWorkDoesNotRevive()
    {
        await using var host = await CreateHostAsync();
        var run = await host.RunAsync(EventFlow("delete-flow", "go"));
        await Store(host).EnqueueAsync(new WorkRequest(run.InstanceId, WorkRequestKind.Resume, Time.GetUtcNow(), run.Bookmarks[0].Id), Ct);

        Assert.True(await Store(host).DeleteAsync(run.InstanceId, Ct));

        Assert.Null(await Store(host).GetAsync(run.InstanceId, Ct));
        Assert.Empty(await Store(host).FindBookmarksAsync(Event.BookmarkName, "go", null, Ct));
        Assert.Empty(await Store(host).GetJournalAsync(run.InstanceId, Ct));
        await host.DrainAsync();
        Assert.Null(await Store(host).GetAsync(run.InstanceId, Ct));
        Assert.False(await Store(host).DeleteAsync(run.InstanceId, Ct));
    }
}
