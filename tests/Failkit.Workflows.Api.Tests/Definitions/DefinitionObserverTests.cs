using System.Collections.Concurrent;
using System.Net;
using Failkit.Workflows.Api.Tests.Http;
using Failkit.Workflows.Runtime.Definitions;
using Microsoft.Extensions.DependencyInjection;

namespace Failkit.Workflows.Api.Tests.Definitions;

/// <summary>The hook a host audits runbook changes through: every change made over the API, single or bulk, reaches
/// the registered observers once, with the version before and after.</summary>
public sealed class DefinitionObserverTests : ApiTest
{
    private readonly Recorder _changes = new();

    protected override Task<ApiServer> StartServerAsync() =>
        ApiServer.StartAsync(s => s.AddSingleton<IWorkflowDefinitionObserver>(_changes));

    [Fact]
    public async Task EveryVersioningCall_IsReportedOnce_WithTheVersionsBeforeAndAfter()
    {
        await Client.SaveAsync(Samples.Hello("obs"), publish: false, Ct);
        await (await Client.PostJsonAsync("workflow-definitions/obs/publish", "{}", Ct)).ReadObjectAsync(HttpStatusCode.OK, Ct);
        await Client.SaveAsync(Samples.Hello("obs", "two"), publish: true, Ct);
        await (await Client.PostJsonAsync("workflow-definitions/obs/retract", "{}", Ct)).ReadObjectAsync(HttpStatusCode.OK, Ct);
        var v3 = await (await Client.PostAsync("workflow-definitions/obs/revert/1", null, Ct)).ReadObjectAsync(HttpStatusCode.Created, Ct);
        await (await Client.PostJsonAsync("bulk-actions/publish/workflow-definitions/by-definition-ids", """{"definitionIds":["obs"]}""", Ct))
            .ReadObjectAsync(HttpStatusCode.OK, Ct);
        Assert.Equal(HttpStatusCode.NoContent, (await Client.DeleteAsync($"workflow-definition-versions/{v3["id"]}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await Client.DeleteAsync("workflow-definitions/obs", Ct)).StatusCode);

        var seen = _changes.All;
        Assert.All(seen, c => Assert.Equal("obs", c.DefinitionId));
        Assert.Equal(
        [
            (WorkflowDefinitionChangeKind.Saved, null, "1 draft"),
            (WorkflowDefinitionChangeKind.Published, "1 draft", "1 published"),
            (WorkflowDefinitionChangeKind.Saved, "1 published", "2 draft"),
            (WorkflowDefinitionChangeKind.Published, "2 draft", "2 published"),
            (WorkflowDefinitionChangeKind.Retracted, "2 published", "2 draft"),
            (WorkflowDefinitionChangeKind.Reverted, null, "3 draft"),
            (WorkflowDefinitionChangeKind.Published, "3 draft", "3 published"),
            (WorkflowDefinitionChangeKind.Deleted, "3 published", null),
            (WorkflowDefinitionChangeKind.Deleted, "2 draft", null),
        ], seen.Select(c => (c.Kind, Text(c.Before), Text(c.After))));

        // Version 3 is a copy of version 1, so the graphs hash the same; version 2 ran other steps.
        Assert.Equal(seen[0].After!.Sha256, seen[5].After!.Sha256);
        Assert.NotEqual(seen[0].After!.Sha256, seen[2].After!.Sha256);
    }

    private static string? Text(WorkflowDefinitionSummary? s) => s is null ? null : $"{s.Version} {(s.IsPublished ? "published" : "draft")}";

    private sealed class Recorder : IWorkflowDefinitionObserver
    {
        private readonly ConcurrentQueue<WorkflowDefinitionChange> _changes = new();

        public List<WorkflowDefinitionChange> All => [.. _changes];

        public Task OnChangedAsync(WorkflowDefinitionChange change, CancellationToken ct)
        {
            _changes.Enqueue(change);
            return Task.CompletedTask;
        }
    }
}
