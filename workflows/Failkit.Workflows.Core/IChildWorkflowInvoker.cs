using Failkit.Workflows.Core.Expressions;

namespace Failkit.Workflows.Core;

/// <summary>Starts child workflows for <c>ExecuteWorkflow</c>; the runtime implements it and resumes the parent's
/// bookmark with a <see cref="ChildWorkflowResult"/> when the child finishes.</summary>
public interface IChildWorkflowInvoker
{
    ValueTask<ChildWorkflowResult> StartAsync(ChildWorkflowRequest request, CancellationToken cancellationToken);
}

/// <summary>The child to start; <see cref="IdempotencyKey"/> makes a retried start return the same child.</summary>
public sealed record ChildWorkflowRequest(
    string DefinitionId,
    IDictionary<string, object?>? Input,
    string? CorrelationId,
    string ParentInstanceId,
    string? ParentBookmarkId,
    string IdempotencyKey);

/// <summary>The state of a child workflow as its parent sees it.</summary>
public sealed record ChildWorkflowResult(string InstanceId, bool Finished, bool Faulted, string? Fault, IDictionary<string, object?>? Output)
{
    /// <summary>Reads the result back after it went through JSON (a resume payload of a persisted instance).</summary>
    public static ChildWorkflowResult From(object? value)
    {
        var d = ValueConverter.Unwrap(value) as IDictionary<string, object?> ?? new Dictionary<string, object?>();
        string? S(string k) => d.TryGetValue(k, out var v) ? v?.ToString() : null;
        bool B(string k) => d.TryGetValue(k, out var v) && v is true;
        return new ChildWorkflowResult(S("instanceId") ?? "", B("finished"), B("faulted"), S("fault"), d.TryGetValue("output", out var o) ? o as IDictionary<string, object?> : null);
    }
}
