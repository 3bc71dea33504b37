using Failkit.Workflows.Api.Access;
using Failkit.Workflows.Api.Http;
using Failkit.Workflows.Core.Model;
using Failkit.Workflows.Runtime;
using Failkit.Workflows.Runtime.Stores;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Failkit.Workflows.Api.Definitions;

/// <summary>Reading definitions: by definition id, by version id, the list and version history, name checks.</summary>
public static class DefinitionReadEndpoints
{
    /// <summary>Without rel <c>bulk-publish</c> the Studio's list is read-only ("Create workflow" disabled).</summary>
    private static readonly IReadOnlyList<Link> EditableListLinks =
    [
        new("/bulk-actions/publish/workflow-definitions/by-definition-ids", "bulk-publish", "POST"),
    ];

    public static IEndpointRouteBuilder MapDefinitionReadEndpoints(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/workflow-definitions").WithTags("Workflow definitions");
        group.MapGet("/by-definition-id/{definitionId}", GetByDefinitionId).WithName("GetWorkflowDefinitionByDefinitionId");
        group.MapGet("/by-id/{id}", GetById).WithName("GetWorkflowDefinitionById");
        group.MapGet("", List).WithName("ListWorkflowDefinitions");
        group.MapGet("/validation/is-name-unique", IsNameUnique).WithName("IsWorkflowDefinitionNameUnique");
        return api;
    }

    public static async Task<Results<Ok<WorkflowDefinitionModel>, ProblemHttpResult>> GetByDefinitionId(
        string definitionId, string? versionOptions, Caller caller, IWorkflowDefinitionStore store, CancellationToken ct)
    {
        var options = VersionOptions.Parse(versionOptions, VersionOptions.Latest);
        var version = options.Pick(await store.GetVersionsAsync(definitionId, ct));
        return version is null
            ? Problems.NotFound($"Workflow definition '{definitionId}' has no version matching '{options}'.")
            : TypedResults.Ok(DefinitionMapper.ToModel(version, caller));
    }

    public static async Task<Results<Ok<WorkflowDefinitionModel>, ProblemHttpResult>> GetById(
        string id, Caller caller, IWorkflowDefinitionStore store, CancellationToken ct) =>
        await store.FindByIdAsync(id, ct) is { } version
            ? TypedResults.Ok(DefinitionMapper.ToModel(version, caller))
            : Problems.NotFound($"Workflow definition version '{id}' was not found.");

    public static async Task<Ok<PagedList<WorkflowDefinitionSummary>>> List(
        DefinitionListQuery query, Caller caller, IWorkflowDefinitionStore store, CancellationToken ct)
    {
        IEnumerable<WorkflowDefinition> matches = await store.ListAsync(query.VersionOptions, query.DefinitionIds, ct);
        if (query.Ids.Count > 0)
        {
            matches = matches.Where(d => query.Ids.Contains(d.Id, StringComparer.Ordinal));
        }

        if (query.SearchTerm is { } term)
        {
            matches = matches.Where(d =>
                (d.Name ?? "").Contains(term, StringComparison.OrdinalIgnoreCase) ||
                (d.Description ?? "").Contains(term, StringComparison.OrdinalIgnoreCase) ||
                d.DefinitionId.Contains(term, StringComparison.OrdinalIgnoreCase));
        }

        if (query.IsSystem is { } system)
        {
            matches = matches.Where(d => d.IsSystem == system);
        }

        var all = Order(matches, query).ToList();
        IEnumerable<WorkflowDefinition> page = all;
        if (query.PageSize is { } size)
        {
            page = all.Skip((query.Page ?? 0) * size).Take(size);
        }

        return TypedResults.Ok(new PagedList<WorkflowDefinitionSummary>(
            page.Select(d => DefinitionMapper.ToSummary(d, caller)).ToList(), all.Count, caller.CanEdit ? EditableListLinks : []));
    }

    public static async Task<Ok<IsNameUniqueResponse>> IsNameUnique(
        string? name, string? definitionId, IWorkflowDefinitionStore store, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            throw ApiRequestException.BadRequest("Query parameter 'name' is required.", "name");
        }

        var taken = (await store.ListAsync(VersionOptions.AllVersions, null, ct))
            .Any(d => d.DefinitionId != definitionId && string.Equals(d.Name, name.Trim(), StringComparison.Ordinal));
        return TypedResults.Ok(new IsNameUniqueResponse(!taken));
    }

    private static IOrderedEnumerable<WorkflowDefinition> Order(IEnumerable<WorkflowDefinition> items, DefinitionListQuery query)
    {
        Func<WorkflowDefinition, IComparable> key = query.OrderBy.ToUpperInvariant() switch
        {
            "VERSION" => d => d.Version,
            "CREATED" or "CREATEDAT" => d => d.CreatedAt,
            _ => d => d.Name ?? "",
        };
        var ordered = query.Descending ? items.OrderByDescending(key) : items.OrderBy(key);
        return ordered.ThenBy(d => d.DefinitionId, StringComparer.Ordinal).ThenByDescending(d => d.Version);
    }
}
