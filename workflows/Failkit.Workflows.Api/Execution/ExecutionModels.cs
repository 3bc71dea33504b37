using System.Text.Json;
using Failkit.Workflows.Api.Instances;

namespace Failkit.Workflows.Api.Execution;

/// <summary>The body of execute and dispatch, as the Studio's Run button sends it.</summary>
public sealed record ExecuteWorkflowRequest(
    string? CorrelationId = null,
    string? TriggerActivityId = null,
    string? VersionOptions = null,
    Dictionary<string, JsonElement>? Input = null,
    Dictionary<string, string>? Properties = null,
    string? InstanceId = null);

/// <summary>The Studio ignores this body and reads the instance id from the response header.</summary>
public sealed record ExecuteWorkflowResponse(WorkflowStateModel? WorkflowState);

public sealed record DispatchWorkflowResponse(string WorkflowInstanceId);

/// <summary>The body of <c>POST /events/{eventName}/trigger</c> (a Failkit addition).</summary>
public sealed record TriggerEventRequest(string? CorrelationId = null, JsonElement? Payload = null);

public sealed record TriggerEventResponse(IReadOnlyList<string> ResumedInstanceIds, IReadOnlyList<string> StartedInstanceIds);

/// <summary>The body of <c>POST /workflow-instances/{id}/resume</c> (a Failkit addition).</summary>
public sealed record ResumeRequest(string? BookmarkId = null, JsonElement? Input = null);
