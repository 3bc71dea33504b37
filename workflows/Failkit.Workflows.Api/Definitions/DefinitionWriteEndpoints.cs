using Failkit.Workflows.Api.Access;
using Failkit.Workflows.Api.Http;
using Failkit.Workflows.Runtime.Definitions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Failkit.Workflows.Api.Definitions;

/// <summary>Save, publish, retract, revert and delete, with Elsa's versioning rules (the definition service owns
/// them). Validation failures and versioning errors surface as problem details through <see cref="ApiErrors"/>.</summary>
public static class DefinitionWriteEndpoints
{
    public static IEndpointRouteBuilder MapDefinitionWriteEndpoints(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/workflow-definitions").WithTags("Workflow definitions");
        group.MapPost("", Save).WithName("SaveWorkflowDefinition");
        group.MapPost("/{definitionId}/publish", Publish).WithName("PublishWorkflowDefinition");
        group.MapPost("/{definitionId}/retract", Retract).WithName("RetractWorkflowDefinition");
        group.MapPost("/{definitionId}/revert/{version:int}", Revert).WithName("RevertWorkflowDefinition");
        group.MapDelete("/{definitionId}", Delete).WithName("DeleteWorkflowDefinition");
        api.MapDelete("/workflow-definition-versions/{id}", DeleteVersion).WithName("DeleteWorkflowDefinitionVersion").WithTags("Workflow definitions");
        return api;
    }

    public static async Task<Ok<SaveWorkflowDefinitionResponse>> Save(
        Body<SaveWorkflowDefinitionRequest> body, Caller caller, DefinitionGuard guard, WorkflowDefinitionService definitions, CancellationToken ct)
    {
        caller.EnsureCanEdit();
        var model = body.Value?.Model ?? throw ApiRequestException.BadRequest("The body needs a 'model' holding the workflow definition.", "$.model");
        var publish = body.Value.Publish == true;
        guard.Prepare(model);
        if (publish && await guard.FindUnchangedPublishedAsync(model, ct) is { } unchanged)
        {
            return TypedResults.Ok(Reply(unchanged, alreadyPublished: true, caller));
        }

        var result = await definitions.SaveAsync(model, publish, ct);
        return TypedResults.Ok(Reply(result.Definition, result.AlreadyPublished, caller));
    }

    public static async Task<Ok<SaveWorkflowDefinitionResponse>> Publish(string definitionId, Caller caller, WorkflowDefinitionService definitions, CancellationToken ct)
    {
        caller.EnsureCanEdit();
        var result = await definitions.PublishAsync(definitionId, ct);
        return TypedResults.Ok(Reply(result.Definition, result.AlreadyPublished, caller));
    }

    public static async Task<Ok<WorkflowDefinitionModel>> Retract(string definitionId, Caller caller, WorkflowDefinitionService definitions, CancellationToken ct)
    {
        caller.EnsureCanEdit();
        return TypedResults.Ok(DefinitionMapper.ToModel(await definitions.RetractAsync(definitionId, ct), caller));
    }

    public static async Task<Created<WorkflowDefinitionSummary>> Revert(
        string definitionId, int version, Caller caller, WorkflowDefinitionService definitions, CancellationToken ct)
    {
        caller.EnsureCanEdit();
        var copy = await definitions.RevertAsync(definitionId, version, ct);
        return TypedResults.Created($"workflow-definitions/by-id/{Uri.EscapeDataString(copy.Id)}", DefinitionMapper.ToSummary(copy, caller));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> Delete(string definitionId, Caller caller, WorkflowDefinitionService definitions, CancellationToken ct)
    {
        caller.EnsureCanEdit();
        return await definitions.DeleteAsync(definitionId, ct)
            ? TypedResults.NoContent()
            : Problems.NotFound($"Workflow definition '{definitionId}' was not found.");
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteVersion(string id, Caller caller, WorkflowDefinitionService definitions, CancellationToken ct)
    {
        caller.EnsureCanEdit();
        return await definitions.DeleteVersionAsync(id, ct)
            ? TypedResults.NoContent()
            : Problems.NotFound($"Workflow definition version '{id}' was not found.");
    }

    private static SaveWorkflowDefinitionResponse Reply(Core.Model.WorkflowDefinition definition, bool alreadyPublished, Caller caller) =>
        new(DefinitionMapper.ToModel(definition, caller), alreadyPublished, ConsumingWorkflowCount: 0, ValidationErrors: []);
}
