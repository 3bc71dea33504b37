using Failkit.Workflows.Api.Access;
using Failkit.Workflows.Api.Http;
using Failkit.Workflows.Runtime.Definitions;
using Failkit.Workflows.Runtime.Stores;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Failkit.Workflows.Api.Definitions;

/// <summary>The definition list's bulk actions. The list is editable only when its links hold rel
/// <c>bulk-publish</c>, so the route behind that link exists.</summary>
public static class BulkDefinitionEndpoints
{
    public static IEndpointRouteBuilder MapBulkDefinitionEndpoints(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/bulk-actions").WithTags("Workflow definitions");
        group.MapPost("/publish/workflow-definitions/by-definition-ids", Publish).WithName("BulkPublishWorkflowDefinitions");
        group.MapPost("/retract/workflow-definitions/by-definition-ids", Retract).WithName("BulkRetractWorkflowDefinitions");
        group.MapPost("/delete/workflow-definitions/by-definition-id", DeleteByDefinitionId).WithName("BulkDeleteWorkflowDefinitions");
        group.MapPost("/delete/workflow-definitions/by-id", DeleteById).WithName("BulkDeleteWorkflowDefinitionVersions");
        return api;
    }

    /// <summary>Publishes each definition's latest version. An invalid one fails the whole request with its errors,
    /// after the valid ones before it were published, as separate publishes would.</summary>
    public static async Task<Ok<BulkPublishResponse>> Publish(
        Body<DefinitionIdsRequest> body, Caller caller, WorkflowDefinitionService definitions, IWorkflowDefinitionStore store, CancellationToken ct)
    {
        caller.EnsureCanEdit();
        List<string> published = [], alreadyPublished = [], notFound = [];
        foreach (var id in body.Value?.DefinitionIds ?? [])
        {
            if ((await store.GetVersionsAsync(id, ct)).Count == 0)
            {
                notFound.Add(id);
                continue;
            }

            var result = await definitions.PublishAsync(id, ct);
            (result.AlreadyPublished ? alreadyPublished : published).Add(id);
        }

        return TypedResults.Ok(new BulkPublishResponse(published, alreadyPublished, notFound, []));
    }

    public static async Task<Ok<BulkRetractResponse>> Retract(
        Body<DefinitionIdsRequest> body, Caller caller, WorkflowDefinitionService definitions, IWorkflowDefinitionStore store, CancellationToken ct)
    {
        caller.EnsureCanEdit();
        List<string> retracted = [], alreadyRetracted = [], notFound = [];
        foreach (var id in body.Value?.DefinitionIds ?? [])
        {
            var versions = await store.GetVersionsAsync(id, ct);
            if (versions.Count == 0)
            {
                notFound.Add(id);
            }
            else if (!versions.Any(v => v.IsPublished))
            {
                alreadyRetracted.Add(id);
            }
            else
            {
                await definitions.RetractAsync(id, ct);
                retracted.Add(id);
            }
        }

        return TypedResults.Ok(new BulkRetractResponse(retracted, alreadyRetracted, notFound));
    }

    public static async Task<Ok<BulkDeleteResponse>> DeleteByDefinitionId(Body<DefinitionIdsRequest> body, Caller caller, WorkflowDefinitionService definitions, CancellationToken ct)
    {
        caller.EnsureCanEdit();
        var deleted = 0;
        foreach (var id in body.Value?.DefinitionIds ?? [])
        {
            deleted += await definitions.DeleteAsync(id, ct) ? 1 : 0;
        }

        return TypedResults.Ok(new BulkDeleteResponse(deleted));
    }

    public static async Task<Ok<BulkDeleteResponse>> DeleteById(Body<VersionIdsRequest> body, Caller caller, WorkflowDefinitionService definitions, CancellationToken ct)
    {
        caller.EnsureCanEdit();
        var deleted = 0;
        foreach (var id in body.Value?.Ids ?? [])
        {
            deleted += await definitions.DeleteVersionAsync(id, ct) ? 1 : 0;
        }

        return TypedResults.Ok(new BulkDeleteResponse(deleted));
    }
}

public sealed record DefinitionIdsRequest(IReadOnlyList<string>? DefinitionIds);

public sealed record VersionIdsRequest(IReadOnlyList<string>? Ids);

public sealed record BulkPublishResponse(
    IReadOnlyList<string> Published, IReadOnlyList<string> AlreadyPublished, IReadOnlyList<string> NotFound, IReadOnlyList<string> UpdatedConsumers);

public sealed record BulkRetractResponse(IReadOnlyList<string> Retracted, IReadOnlyList<string> AlreadyRetracted, IReadOnlyList<string> NotFound);

public sealed record BulkDeleteResponse(int Deleted);
