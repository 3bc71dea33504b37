using System.Globalization;
using Failkit.Workflows.Api.Http;
using Failkit.Workflows.Runtime.Stores;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Failkit.Workflows.Api.Instances;

/// <summary>The execution journal and the activity-execution views of the instance viewer. A 404 on the two
/// activity-execution lists crashes the viewer, so an unknown instance gives an empty list there.</summary>
public static class JournalEndpoints
{
    public static IEndpointRouteBuilder MapJournalEndpoints(this IEndpointRouteBuilder api)
    {
        var instances = api.MapGroup("/workflow-instances").WithTags("Workflow instances");
        instances.MapGet("/{id}/journal", GetJournal).WithName("GetWorkflowInstanceJournal");
        instances.MapPost("/{id}/journal", FilterJournal).WithName("FilterWorkflowInstanceJournal");
        var executions = api.MapGroup("").WithTags("Activity executions");
        executions.MapGet("/activity-executions/list", ListExecutions).WithName("ListActivityExecutions");
        executions.MapGet("/activity-execution-summaries/list", ListExecutionSummaries).WithName("ListActivityExecutionSummaries");
        executions.MapPost("/activity-executions/report", Report).WithName("GetActivityExecutionReport");
        executions.MapGet("/activity-executions/by-id", GetExecution).WithName("GetActivityExecution");
        return api;
    }

    public static Task<Results<Ok<PagedList<JournalRecord>>, ProblemHttpResult>> GetJournal(
        string id, HttpRequest request, IWorkflowInstanceStore store, JournalMapper mapper, CancellationToken ct) =>
        Journal(id, null, request, store, mapper, ct);

    public static Task<Results<Ok<PagedList<JournalRecord>>, ProblemHttpResult>> FilterJournal(
        string id, Body<JournalRequest> body, HttpRequest request, IWorkflowInstanceStore store, JournalMapper mapper, CancellationToken ct) =>
        Journal(id, body.Value?.Filter, request, store, mapper, ct);

    public static async Task<Ok<ListResponse<ActivityExecutionModel>>> ListExecutions(
        HttpRequest request, IWorkflowInstanceStore store, JournalMapper mapper, CancellationToken ct)
    {
        var items = (await Executions(request, store, ct)).Select(mapper.ToExecution).ToList();
        return TypedResults.Ok(new ListResponse<ActivityExecutionModel>(items, items.Count));
    }

    public static async Task<Ok<ListResponse<ActivityExecutionSummaryModel>>> ListExecutionSummaries(
        HttpRequest request, IWorkflowInstanceStore store, JournalMapper mapper, CancellationToken ct)
    {
        var items = (await Executions(request, store, ct)).Select(mapper.ToSummary).ToList();
        return TypedResults.Ok(new ListResponse<ActivityExecutionSummaryModel>(items, items.Count));
    }

    /// <summary>The viewer loads the record of the activity it selects (<c>?id=</c>); a 404 here crashes it, so only an
    /// id that names no record gets one. Record ids are <c>instanceId:contextId</c>.</summary>
    public static async Task<Results<Ok<ActivityExecutionModel>, ProblemHttpResult>> GetExecution(
        string? id, IWorkflowInstanceStore store, JournalMapper mapper, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(id))
        {
            throw ApiRequestException.BadRequest("Query parameter 'id' is required.", "id");
        }

        var separator = id.LastIndexOf(':');
        var record = separator > 0 ? (await store.GetJournalAsync(id[..separator], ct)).FirstOrDefault(r => r.Id == id) : null;
        return record is null
            ? Problems.NotFound($"Activity execution '{id}' was not found.")
            : TypedResults.Ok(mapper.ToExecution(record));
    }

    public static async Task<Ok<ActivityExecutionReport>> Report(
        Body<ActivityExecutionReportRequest> body, IWorkflowInstanceStore store, CancellationToken ct)
    {
        var instanceId = body.Value?.WorkflowInstanceId;
        if (string.IsNullOrWhiteSpace(instanceId))
        {
            throw ApiRequestException.BadRequest("The body needs the 'workflowInstanceId'.", "$.workflowInstanceId");
        }

        var rows = await store.GetJournalAsync(instanceId, ct);
        var byNode = rows.GroupBy(r => r.NodeId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => (IReadOnlyList<Core.Execution.ActivityExecutionRecord>)g.ToList(), StringComparer.Ordinal);
        var nodeIds = body.Value!.ActivityNodeIds is { Count: > 0 } requested ? requested : [.. byNode.Keys];
        var stats = nodeIds.Select(n => JournalMapper.Stats(n, byNode.TryGetValue(n, out var list) ? list : [])).ToList();
        return TypedResults.Ok(new ActivityExecutionReport(stats));
    }

    private static async Task<Results<Ok<PagedList<JournalRecord>>, ProblemHttpResult>> Journal(
        string id, JournalFilter? filter, HttpRequest request, IWorkflowInstanceStore store, JournalMapper mapper, CancellationToken ct)
    {
        if (await store.GetAsync(id, ct) is null)
        {
            return InstanceEndpoints.NotFound(id);
        }

        var events = mapper.Events(await store.GetJournalAsync(id, ct))
            .Where(e =>
                (filter?.ActivityIds is not { Count: > 0 } ids || ids.Contains(e.ActivityId)) &&
                (filter?.ActivityNodeIds is not { Count: > 0 } nodes || nodes.Contains(e.NodeId)) &&
                (filter?.ExcludedActivityTypes is not { Count: > 0 } excluded || !excluded.Contains(e.ActivityType)) &&
                (filter?.EventNames is not { Count: > 0 } names || names.Contains(e.EventName)))
            .ToList();
        var (skip, take) = Paging(request.Query);
        return TypedResults.Ok(new PagedList<JournalRecord>(events.Skip(skip).Take(take).ToList(), events.Count));
    }

    /// <summary>The viewer pages with <c>skip</c>/<c>take</c>; <c>page</c>/<c>pageSize</c> are accepted too.</summary>
    private static (int Skip, int Take) Paging(IQueryCollection q)
    {
        var take = Int(q, "take") ?? Int(q, "pageSize") ?? int.MaxValue;
        var skip = Int(q, "skip") ?? (Int(q, "page") is { } page && take != int.MaxValue ? page * take : 0);
        return (skip, take);
    }

    private static async Task<IReadOnlyList<Core.Execution.ActivityExecutionRecord>> Executions(HttpRequest request, IWorkflowInstanceStore store, CancellationToken ct)
    {
        var instanceId = request.Query["WorkflowInstanceId"].ToString();
        if (string.IsNullOrWhiteSpace(instanceId))
        {
            throw ApiRequestException.BadRequest("Query parameter 'WorkflowInstanceId' is required.", "WorkflowInstanceId");
        }

        var nodeId = request.Query["ActivityNodeId"].ToString();
        var rows = await store.GetJournalAsync(instanceId, ct);
        return string.IsNullOrEmpty(nodeId) ? rows : rows.Where(r => r.NodeId == nodeId).ToList();
    }

    private static int? Int(IQueryCollection q, string key) => q[key].ToString() switch
    {
        "" => null,
        var s when int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n >= 0 => n,
        var s => throw ApiRequestException.BadRequest($"Query parameter '{key}' must be a non-negative integer, not '{s}'.", key),
    };
}
