using Failkit.Testing;
using Failkit.Workflows.Core;
using Failkit.Workflows.Core.Activities;
using Failkit.Workflows.Core.Execution;
using Failkit.Workflows.Persistence.Tests.Fakes;
using Failkit.Workflows.Runtime.Stores;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Failkit.Workflows.Persistence.Tests;

public sealed class PostgresWorkflowInstanceStoreTests
{
    private const string EventThenWrite = """
        { "definitionId": "atomic", "name": "atomic",
          "root": { "type": "Elsa.Sequence", "id": "s1", "activities": [
            { "type": "Elsa.Event", "id": "ev", "eventName": { "typeName": "String", "expression": { "type": "Literal", "value": "go" } } },
            { "type": "Elsa.WriteLine", "id": "boom", "text": { "typeName": "String", "expression": { "type": "Literal", "value": "after" } } }
          ] } }
        """;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task CommitFailingMidway_LeavesStateAndBookmarksUnchanged_AndTheClaimedWorkQueued()
    {
        var connectionString = await TestPostgres.CreateDatabaseAsync("atomic");
        await using var host = WorkflowTestHost.Create(s => s.AddFailkitPostgres(connectionString));
        var store = host.Services.GetRequiredService<IWorkflowInstanceStore>();
        var run = await host.RunAsync(EventThenWrite);
        var bookmark = Assert.Single(run.Bookmarks);
        await store.EnqueueAsync(new WorkRequest(run.InstanceId, WorkRequestKind.Resume, DateTimeOffset.UtcNow, bookmark.Id, "\"payload\""), Ct);
        // The journal rows go to the server after the instance row and the bookmark delete, so this fails the batch midway.
        await Db.ExecuteAsync(connectionString, "ALTER TABLE workflows.journal ADD CONSTRAINT test_no_boom CHECK (activity_id <> 'boom')");

        await Assert.ThrowsAsync<PostgresException>(() => host.Runtime.ProcessNextAsync(Ct));

        var state = await store.GetAsync(run.InstanceId, Ct);
        Assert.Equal(WorkflowSubStatus.Suspended, state!.SubStatus);
        Assert.Equal(bookmark.Id, Assert.Single(state.Bookmarks).Id);
        Assert.Single(await store.FindBookmarksAsync(Event.BookmarkName, "go", null, Ct));
        Assert.Equal(1L, await Db.ScalarAsync<long>(connectionString, "SELECT count(*) FROM workflows.work"));

        await Db.ExecuteAsync(connectionString, "ALTER TABLE workflows.journal DROP CONSTRAINT test_no_boom");
        Assert.True(await host.Runtime.ProcessNextAsync(Ct));

        Assert.Equal(WorkflowSubStatus.Finished, (await store.GetAsync(run.InstanceId, Ct))!.SubStatus);
        Assert.Empty(await store.FindBookmarksAsync(Event.BookmarkName, "go", null, Ct));
        Assert.Equal(0L, await Db.ScalarAsync<long>(connectionString, "SELECT count(*) FROM workflows.work"));
    }

    [Fact]
    public async Task ClaimedWork_IsSkippedByOtherReplicas_AndFreedWhenTheClaimersConnectionDies()
    {
        var connectionString = await TestPostgres.CreateDatabaseAsync("claim");
        var doomed = new NpgsqlConnectionStringBuilder(connectionString) { ApplicationName = "doomed-replica" }.ConnectionString;
        await using var a = WorkflowTestHost.Create(s => s.AddFailkitPostgres(doomed));
        await using var b = WorkflowTestHost.Create(s => s.AddFailkitPostgres(connectionString));
        var storeA = a.Services.GetRequiredService<IWorkflowInstanceStore>();
        var storeB = b.Services.GetRequiredService<IWorkflowInstanceStore>();
        await storeA.EnqueueAsync(new WorkRequest("no-such-instance", WorkRequestKind.Start, DateTimeOffset.UtcNow.AddSeconds(-1)), Ct);

        var claimed = await storeA.ClaimNextAsync(Ct);
        Assert.NotNull(claimed);
        Assert.Null(await storeB.ClaimNextAsync(Ct));

        // What a SIGKILL does to the claimer: its backend loses the client and ends its transaction.
        await Db.ExecuteAsync(connectionString, "SELECT pg_terminate_backend(pid, 5000) FROM pg_stat_activity WHERE application_name = 'doomed-replica'");
        await using var reclaimed = await storeB.ClaimNextAsync(Ct);

        Assert.NotNull(reclaimed);
        Assert.Equal(claimed.Work!.Id, reclaimed.Work!.Id);
        await reclaimed.DiscardWorkAsync(Ct);
        await claimed.DisposeAsync();
    }

    [Fact]
    public async Task Session_CommitsTwice_AndKeepsTheInstanceLockedInBetween()
    {
        var connectionString = await TestPostgres.CreateDatabaseAsync("relock");
        await using var host = WorkflowTestHost.Create(s => s.AddFailkitPostgres(connectionString));
        var store = host.Services.GetRequiredService<IWorkflowInstanceStore>();
        var state = new WorkflowState { Id = "twice", DefinitionId = "d", DefinitionVersionId = "v", Name = "first" };

        var session = await store.OpenAsync("twice", Ct);
        Assert.Null(session.State);
        await session.CommitAsync(new InstanceCommit(state, [], []), Ct);
        var other = store.OpenAsync("twice", Ct);
        await Task.Delay(200, Ct);
        Assert.False(other.IsCompleted);

        state.Name = "second";
        await session.CommitAsync(new InstanceCommit(state, [], []), Ct);
        await Task.Delay(200, Ct);
        Assert.False(other.IsCompleted);
        await session.DisposeAsync();

        await using var second = await other;
        Assert.Equal("second", second.State!.Name);
    }

    [Fact]
    public async Task Commit_AfterTheInstanceWasDeletedMidSession_FailsWithConflict_AndWritesNothing()
    {
        var connectionString = await TestPostgres.CreateDatabaseAsync("conflict");
        await using var host = WorkflowTestHost.Create(s => s.AddFailkitPostgres(connectionString));
        var store = host.Services.GetRequiredService<IWorkflowInstanceStore>();
        var state = new WorkflowState { Id = "gone", DefinitionId = "d", DefinitionVersionId = "v" };
        await using var session = await store.OpenAsync("gone", Ct);
        await session.CommitAsync(new InstanceCommit(state, [], []), Ct);

        Assert.True(await store.DeleteAsync("gone", Ct));

        await Assert.ThrowsAsync<InstanceConflictException>(() => session.CommitAsync(new InstanceCommit(state, [], [new WorkRequest("gone", WorkRequestKind.Start, DateTimeOffset.UtcNow)]), Ct));
        Assert.Null(await store.GetAsync("gone", Ct));
        Assert.Equal(0L, await Db.ScalarAsync<long>(connectionString, "SELECT count(*) FROM workflows.work"));
    }
}
