using Failkit.Workflows.Api.Access;
using Failkit.Workflows.Api.Http;
using Failkit.Workflows.Core;
using Failkit.Workflows.Runtime.Stores;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Failkit.Workflows.Api.Instances;

/// <summary>The instance list, one instance with its state, its variables and its polling state, and delete.</summary>
public static class InstanceEndpoints
{
    public static IEndpointRouteBuilder MapInstanceEndpoints(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/workflow-instances").WithTags("Workflow instances");
        group.MapPost("", List).WithName("ListWorkflowInstances");
        group.MapGet("/{id}", Get).WithName("GetWorkflowInstance");
        group.MapDelete("/{id}", Delete).WithName("DeleteWorkflowInstance");
        group.MapGet("/{id}/variables", Variables).WithName("GetWorkflowInstanceVariables");
        group.MapGet("/{id}/execution-state", ExecutionState).WithName("GetWorkflowInstanceExecutionState");
        return api;
    }

    public static async Task<Ok<PagedList<WorkflowInstanceSummary>>> List(
        Body<InstanceListRequest> body, IWorkflowInstanceStore store, CancellationToken ct)
    {
        var r = body.Value ?? new InstanceListRequest();
        var pageSize = r.PageSize is > 0 ? r.PageSize.Value : 50;
        var subStatuses = Parse<WorkflowSubStatus>(r.SubStatus, r.SubStatuses, out var unknownSubStatus);
        var statuses = Parse<WorkflowStatus>(r.Status, r.Statuses, out var unknownStatus);
        if (unknownSubStatus || unknownStatus)
        {
            return TypedResults.Ok(new PagedList<WorkflowInstanceSummary>([], 0));
        }

        var created = r.TimestampFilters?.Where(f => f.Timestamp is not null && string.Equals(f.Column, "CreatedAt", StringComparison.OrdinalIgnoreCase)).ToList() ?? [];
        // Filters the store cannot apply are applied here, over every match, so that paging stays right.
        var filterHere = r.Version is not null || r.HasIncidents is not null || statuses.Count > 1;
        var query = new InstanceQuery
        {
            Page = filterHere ? 0 : r.Page,
            PageSize = filterHere ? int.MaxValue : pageSize,
            DefinitionId = string.IsNullOrWhiteSpace(r.DefinitionId) ? null : r.DefinitionId,
            DefinitionIds = r.DefinitionIds,
            CorrelationId = string.IsNullOrWhiteSpace(r.CorrelationId) ? null : r.CorrelationId,
            Status = statuses.Count == 1 ? statuses[0] : null,
            SubStatuses = subStatuses,
            CreatedFrom = created.Where(f => f.Operator?.StartsWith("GreaterThan", StringComparison.OrdinalIgnoreCase) == true).Max(f => f.Timestamp),
            CreatedTo = created.Where(f => f.Operator?.StartsWith("LessThan", StringComparison.OrdinalIgnoreCase) == true).Min(f => f.Timestamp),
            SearchTerm = string.IsNullOrWhiteSpace(r.SearchTerm) ? null : r.SearchTerm,
            Descending = !string.Equals(r.OrderDirection, "Ascending", StringComparison.OrdinalIgnoreCase),
        };
        var (items, total) = await store.QueryAsync(query, ct);
        if (!filterHere)
        {
            return TypedResults.Ok(new PagedList<WorkflowInstanceSummary>(items.Select(InstanceMapper.ToSummary).ToList(), total));
        }

        var matches = items.Where(s =>
            (r.Version is null || s.DefinitionVersion == r.Version) &&
            (r.HasIncidents is null || (s.Incidents.Count > 0) == r.HasIncidents) &&
            (statuses.Count == 0 || statuses.Contains(s.Status))).ToList();
        var page = matches.Skip(r.Page * pageSize).Take(pageSize).Select(InstanceMapper.ToSummary).ToList();
        return TypedResults.Ok(new PagedList<WorkflowInstanceSummary>(page, matches.Count));
    }

    public static async Task<Results<Ok<WorkflowInstanceModel>, ProblemHttpResult>> Get(string id, IWorkflowInstanceStore store, CancellationToken ct) =>
        await store.GetAsync(id, ct) is { } state
            ? TypedResults.Ok(InstanceMapper.ToModel(state))
            : NotFound(id);

    public static async Task<Results<NoContent, ProblemHttpResult>> Delete(string id, Caller caller, IWorkflowInstanceStore store, CancellationToken ct)
    {
        caller.EnsureCanEdit();
        return await store.DeleteAsync(id, ct) ? TypedResults.NoContent() : NotFound(id);
    }

    public static async Task<Results<Ok<ListResponse<ResolvedVariable>>, ProblemHttpResult>> Variables(
        string id, IWorkflowInstanceStore store, IWorkflowDefinitionStore definitions, CancellationToken ct)
    {
        if (await store.GetAsync(id, ct) is not { } state)
        {
            return NotFound(id);
        }

        var declared = (await definitions.FindByIdAsync(state.DefinitionVersionId, ct))?.Variables ?? [];
        var items = state.Variables
            .Select(kv => new ResolvedVariable(declared.FirstOrDefault(v => v.Name == kv.Key)?.Id ?? kv.Key, kv.Key, kv.Value))
            .ToList();
        return TypedResults.Ok(new ListResponse<ResolvedVariable>(items, items.Count));
    }

    public static async Task<Results<Ok<ExecutionStateResponse>, ProblemHttpResult>> ExecutionState(string id, IWorkflowInstanceStore store, CancellationToken ct) =>
        await store.GetAsync(id, ct) is { } s
            ? TypedResults.Ok(new ExecutionStateResponse(s.Status, s.SubStatus, s.UpdatedAt))
            : NotFound(id);

    public static ProblemHttpResult NotFound(string id) => Problems.NotFound($"Workflow instance '{id}' was not found.");

    private static List<T> Parse<T>(string? one, IReadOnlyList<string>? many, out bool unknown)
        where T : struct, Enum
    {
        var names = (many ?? []).Append(one).Where(s => !string.IsNullOrWhiteSpace(s)).ToList();
        var parsed = names.Select(n => Enum.TryParse<T>(n, ignoreCase: true, out var v) ? v : (T?)null).ToList();
        // Only unknown names requested (Elsa's Interrupted): nothing can match.
        unknown = names.Count > 0 && parsed.All(p => p is null);
        return parsed.Where(p => p is not null).Select(p => p!.Value).Distinct().ToList();
    }
}
