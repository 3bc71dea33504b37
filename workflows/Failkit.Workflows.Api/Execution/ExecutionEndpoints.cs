using Failkit.Workflows.Api.Access;
using Failkit.Workflows.Api.Http;
using Failkit.Workflows.Api.Instances;
using Failkit.Workflows.Core.Expressions;
using Failkit.Workflows.Runtime;
using Failkit.Workflows.Runtime.Stores;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Failkit.Workflows.Api.Execution;

/// <summary>Starting, dispatching, resuming and cancelling instances, and publishing events.</summary>
public static class ExecutionEndpoints
{
    public const string InstanceIdHeader = "x-elsa-workflow-instance-id";
    public const string CannotStartHeader = "x-elsa-workflow-cannot-start";

    public static IEndpointRouteBuilder MapExecutionEndpoints(this IEndpointRouteBuilder api)
    {
        var definitions = api.MapGroup("/workflow-definitions").WithTags("Execution");
        definitions.MapPost("/{definitionId}/execute", Execute).WithName("ExecuteWorkflowDefinition");
        definitions.MapPost("/{definitionId}/dispatch", Dispatch).WithName("DispatchWorkflowDefinition");
        api.MapPost("/workflow-instances/{id}/resume", Resume).WithName("ResumeWorkflowInstance").WithTags("Execution");
        api.MapPost("/cancel/workflow-instances/{id}", Cancel).WithName("CancelWorkflowInstance").WithTags("Execution");
        api.MapPost("/events/{eventName}/trigger", TriggerEvent).WithName("TriggerEvent").WithTags("Execution");
        return api;
    }

    /// <summary>Runs the instance inline until it finishes or waits. An unknown definition is 404; a known one with no
    /// version to run (nothing published, say) answers the Studio's "cannot start" header instead.</summary>
    public static async Task<Results<Ok<ExecuteWorkflowResponse>, ProblemHttpResult>> Execute(
        string definitionId, Body<ExecuteWorkflowRequest> body, Caller caller, HttpResponse response, WorkflowRuntime runtime, IWorkflowDefinitionStore store, CancellationToken ct)
    {
        caller.EnsureCanRun();
        var request = body.Value ?? new ExecuteWorkflowRequest();
        if (await StartRequestFor(definitionId, request, store, ct) is not { } start)
        {
            return await CannotStartOrNotFound(definitionId, response, store, TypedResults.Ok(new ExecuteWorkflowResponse(null)), ct);
        }

        var run = await runtime.StartAsync(definitionId, start, ct);
        response.Headers[InstanceIdHeader] = run.InstanceId;
        return TypedResults.Ok(new ExecuteWorkflowResponse(InstanceMapper.ToState(run.State)));
    }

    public static async Task<Results<Ok<DispatchWorkflowResponse>, ProblemHttpResult>> Dispatch(
        string definitionId, Body<ExecuteWorkflowRequest> body, Caller caller, HttpResponse response, WorkflowRuntime runtime, IWorkflowDefinitionStore store, CancellationToken ct)
    {
        caller.EnsureCanRun();
        var request = body.Value ?? new ExecuteWorkflowRequest();
        if (await StartRequestFor(definitionId, request, store, ct) is not { } start)
        {
            return await CannotStartOrNotFound(definitionId, response, store, TypedResults.Ok(new DispatchWorkflowResponse("")), ct);
        }

        var id = await runtime.DispatchAsync(definitionId, start, ct);
        response.Headers[InstanceIdHeader] = id;
        return TypedResults.Ok(new DispatchWorkflowResponse(id));
    }

    public static async Task<Ok<ExecuteWorkflowResponse>> Resume(
        string id, Body<ResumeRequest> body, Caller caller, HttpResponse response, WorkflowRuntime runtime, CancellationToken ct)
    {
        caller.EnsureCanRun();
        var bookmarkId = body.Value?.BookmarkId;
        if (string.IsNullOrWhiteSpace(bookmarkId))
        {
            throw ApiRequestException.BadRequest("The body needs the 'bookmarkId' to resume.", "$.bookmarkId");
        }

        var run = await runtime.ResumeAsync(id, bookmarkId, ValueConverter.Unwrap(body.Value!.Input), ct);
        response.Headers[InstanceIdHeader] = run.InstanceId;
        return TypedResults.Ok(new ExecuteWorkflowResponse(InstanceMapper.ToState(run.State)));
    }

    public static async Task<Ok<WorkflowInstanceSummary>> Cancel(string id, Caller caller, WorkflowRuntime runtime, CancellationToken ct)
    {
        caller.EnsureCanRun();
        return TypedResults.Ok(InstanceMapper.ToSummary((await runtime.CancelAsync(id, ct)).State));
    }

    public static async Task<Ok<TriggerEventResponse>> TriggerEvent(
        string eventName, Body<TriggerEventRequest> body, Caller caller, WorkflowRuntime runtime, CancellationToken ct)
    {
        caller.EnsureCanRun();
        var request = body.Value ?? new TriggerEventRequest();
        var result = await runtime.PublishEventAsync(eventName, request.CorrelationId, ValueConverter.Unwrap(request.Payload), ct);
        return TypedResults.Ok(new TriggerEventResponse(result.Resumed, result.Started));
    }

    /// <summary>Null when the definition has no version matching the request's versionOptions.</summary>
    private static async Task<StartRequest?> StartRequestFor(string definitionId, ExecuteWorkflowRequest request, IWorkflowDefinitionStore store, CancellationToken ct)
    {
        // Elsa's default without versionOptions is Published; the Studio's Run sends Latest to run the draft.
        var version = VersionOptions.Parse(request.VersionOptions, VersionOptions.Published);
        if (version.Pick(await store.GetVersionsAsync(definitionId, ct)) is null)
        {
            return null;
        }

        return new StartRequest
        {
            Version = version,
            CorrelationId = request.CorrelationId,
            TriggerActivityId = request.TriggerActivityId,
            InstanceId = request.InstanceId,
            Input = request.Input?.ToDictionary(kv => kv.Key, kv => (object?)kv.Value, StringComparer.Ordinal),
            Properties = request.Properties,
        };
    }

    private static async Task<Results<Ok<T>, ProblemHttpResult>> CannotStartOrNotFound<T>(
        string definitionId, HttpResponse response, IWorkflowDefinitionStore store, Ok<T> cannotStart, CancellationToken ct)
    {
        if ((await store.GetVersionsAsync(definitionId, ct)).Count == 0)
        {
            return Problems.NotFound($"Workflow definition '{definitionId}' was not found.");
        }

        response.Headers[CannotStartHeader] = "True";
        return cannotStart;
    }
}
