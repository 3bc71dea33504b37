using System.Net;
using Failkit.Workflows.Core;
using Failkit.Workflows.Core.Execution;
using Failkit.Workflows.Runtime.Stores;
using Microsoft.Extensions.DependencyInjection;

namespace Failkit.Workflows.Api.Tests.Http;

/// <summary>An unexpected failure is a 500 problem that does not leak the exception.</summary>
public sealed class ApiErrorsTests : ApiTest
{
    [Fact]
    public async Task StoreFailure_Is500ProblemWithoutStackTrace()
    {
        var response = await Client.GetAsync("workflow-instances/any", Ct);

        var problem = await response.ReadProblemAsync(HttpStatusCode.InternalServerError, Ct);
        var text = problem.ToJsonString();
        Assert.DoesNotContain("secret-connection-detail", text, StringComparison.Ordinal);
        Assert.DoesNotContain("BrokenInstanceStore", text, StringComparison.Ordinal);
    }

    protected override Task<ApiServer> StartServerAsync() =>
        ApiServer.StartAsync(services => services.AddSingleton<IWorkflowInstanceStore, BrokenInstanceStore>());

    private sealed class BrokenInstanceStore : IWorkflowInstanceStore
    {
        public Task<IInstanceSession> OpenAsync(string instanceId, CancellationToken cancellationToken) => throw Failure();

        public Task<IInstanceSession?> ClaimNextAsync(CancellationToken cancellationToken) => throw Failure();

        public Task EnqueueAsync(WorkRequest work, CancellationToken cancellationToken) => throw Failure();

        public Task<WorkflowState?> GetAsync(string instanceId, CancellationToken cancellationToken) => throw Failure();

        public Task<(IReadOnlyList<WorkflowState> Items, int Total)> QueryAsync(InstanceQuery query, CancellationToken cancellationToken) => throw Failure();

        public Task<IReadOnlyList<Bookmark>> FindBookmarksAsync(string name, string? hash, string? correlationId, CancellationToken cancellationToken) => throw Failure();

        public Task<IReadOnlyList<ActivityExecutionRecord>> GetJournalAsync(string instanceId, CancellationToken cancellationToken) => throw Failure();

        public Task<bool> DeleteAsync(string instanceId, CancellationToken cancellationToken) => throw Failure();

        private static InvalidOperationException Failure() => new("secret-connection-detail");
    }
}
