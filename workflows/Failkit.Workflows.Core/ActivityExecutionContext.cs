using Failkit.Workflows.Core.Execution;
using Failkit.Workflows.Core.Expressions;
using Microsoft.Extensions.DependencyInjection;

namespace Failkit.Workflows.Core;

/// <summary>One execution of one activity: its inputs, outputs, bookmarks and children, and the door to the workflow.</summary>
public sealed partial class ActivityExecutionContext
{
    internal ActivityExecutionContext(WorkflowExecutionContext workflow, IActivity activity, ActivityExecutionContext? parent, ActivityContextState state)
    {
        Workflow = workflow;
        Activity = activity;
        Parent = parent;
        StateRecord = state;
    }

    public WorkflowExecutionContext Workflow { get; }

    public IActivity Activity { get; }

    public ActivityExecutionContext? Parent { get; }

    internal ActivityContextState StateRecord { get; }

    /// <summary>Live children, kept so completion and cancellation never scan every context of the instance.</summary>
    internal HashSet<ActivityExecutionContext> Children { get; } = [];

    internal ActivityExecutionRecord? Record { get; set; }

    /// <summary>Deterministic within the instance: re-running from the same persisted state yields the same id.</summary>
    public string Id => StateRecord.Id;

    public string NodeId => StateRecord.NodeId;

    public ActivityStatus Status { get => StateRecord.Status; internal set => StateRecord.Status = value; }

    /// <summary>1 on the first try; incremented by each retry of the activity's retry policy.</summary>
    public int Attempt { get => StateRecord.Attempt; internal set => StateRecord.Attempt = value; }

    public DateTimeOffset StartedAt => StateRecord.StartedAt;

    /// <summary>Per-execution state of the activity; persisted with the instance.</summary>
    public Dictionary<string, object?> Properties => StateRecord.Properties;

    public bool IsCompleted { get; private set; }

    public IReadOnlyList<string> Outcomes { get; private set; } = [];

    public object? Result { get; private set; }

    public string WorkflowInstanceId => Workflow.State.Id;

    public string? CorrelationId => Workflow.State.CorrelationId;

    /// <summary>Stable across crash recovery; pass it to cloud APIs (EC2 ClientToken, GCE requestId).</summary>
    public string IdempotencyKey => $"{Workflow.State.Id}:{Id}";

    public CancellationToken CancellationToken => Workflow.CancellationToken;

    public TimeProvider Time => Workflow.Time;

    public DateTimeOffset Now => Workflow.Time.GetUtcNow();

    public IDictionary<string, object?> WorkflowInput => Workflow.State.Input;

    /// <summary>True when this activity is the trigger that started the instance.</summary>
    public bool IsTriggerOfWorkflow =>
        Workflow.State.TriggerActivityId == Activity.Id;

    public T GetRequiredService<T>() where T : notnull => Workflow.Services.GetRequiredService<T>();

    public T? GetService<T>() => Workflow.Services.GetService<T>();

    /// <summary>Evaluates an input; the value is recorded in the journal unless the input is sensitive.</summary>
    public T? Get<T>(Input<T>? input)
    {
        if (input is null)
        {
            return default;
        }

        T? value;
        if (input.HasLiteralCache)
        {
            value = (T?)input.LiteralCache;
        }
        else
        {
            value = (T?)ExpressionEvaluator.Evaluate(input, typeof(T), this);
        }

        if (Record is not null && input.Name.Length > 0)
        {
            StateRecord.Inputs ??= new Dictionary<string, object?>(StringComparer.Ordinal);
            StateRecord.Inputs[input.Name] = input.IsSensitive ? "***" : value;
        }

        return value;
    }

    /// <summary>Sets an output: recorded in the journal and written to the bound variable, if any.</summary>
    public void Set<T>(Output<T>? output, T? value)
    {
        if (output is null)
        {
            return;
        }

        if (Record is not null)
        {
            StateRecord.Outputs ??= new Dictionary<string, object?>(StringComparer.Ordinal);
            StateRecord.Outputs[output.Name] = value;
        }

        if (output.TargetVariable is { } target)
        {
            SetVariable(target, value);
        }

        if (output.Name == "Result")
        {
            Result = value;
        }
    }

    public object? GetVariable(string idOrName) =>
        Workflow.State.Variables.TryGetValue(Workflow.VariableName(idOrName), out var v) ? v : null;

    public T? GetVariable<T>(string idOrName) => (T?)ValueConverter.Convert(GetVariable(idOrName), typeof(T));

    public void SetVariable(string idOrName, object? value) => Workflow.State.Variables[Workflow.VariableName(idOrName)] = value;

    public T? GetProperty<T>(string key) =>
        Properties.TryGetValue(key, out var v) ? (T?)ValueConverter.Convert(v, typeof(T)) : default;

    public void SetProperty(string key, object? value) => Properties[key] = value;

    /// <summary>Completes the activity with the given outcomes (<c>Done</c> when none are given).</summary>
    public ValueTask CompleteAsync(params string[] outcomes)
    {
        IsCompleted = true;
        Outcomes = outcomes.Length == 0 ? DoneOutcome : outcomes;
        return ValueTask.CompletedTask;
    }

    /// <summary>Completes the activity and hands <paramref name="result"/> to its parent.</summary>
    public ValueTask CompleteWithResultAsync(object? result, params string[] outcomes)
    {
        Result = result;
        return CompleteAsync(outcomes);
    }

    internal void MarkFaulted()
    {
        IsCompleted = true;
        Outcomes = FaultedOutcome;
        Status = ActivityStatus.Faulted;
    }

    internal void ResetForRetry() => IsCompleted = false;

    private static readonly string[] DoneOutcome = ["Done"];
    private static readonly string[] FaultedOutcome = ["Faulted"];
}
