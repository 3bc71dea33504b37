using System.Text.Json.Nodes;

namespace Failkit.Workflows.Core;

/// <summary>Base class of every activity. Override <see cref="ExecuteAsync"/>; composite activities also override
/// <see cref="OnChildCompletedAsync"/>. Metadata lives on the class as <see cref="ActivityAttribute"/>.</summary>
public abstract class Activity : IActivity
{
    protected Activity()
    {
        var info = ActivityTypeInfo.Of(GetType());
        Type = info.TypeName;
        Version = info.Version;
        Id = info.ShortName.ToLowerInvariant() + "1";
        NodeId = Id;
    }

    public string Id { get; set; }

    public string NodeId { get; set; }

    public string? Name { get; set; }

    public string Type { get; }

    public int Version { get; }

    public JsonObject? CustomProperties { get; set; }

    /// <summary>True when the engine completes the activity after <see cref="ExecuteAsync"/> unless it made a bookmark.</summary>
    protected internal virtual bool AutoComplete => false;

    public abstract ValueTask ExecuteAsync(ActivityExecutionContext context);

    public virtual ValueTask OnChildCompletedAsync(ActivityExecutionContext context, ChildCompletion child) =>
        context.CompleteAsync();

    public virtual ValueTask ResumeAsync(ActivityExecutionContext context, Bookmark bookmark, object? input) =>
        context.CompleteAsync();

    public virtual IEnumerable<IActivity> GetChildren() => [];

    /// <summary>Reads JSON the generic binder does not cover (flowchart connections, switch cases).</summary>
    protected internal virtual void OnMaterialized(JsonObject source, MaterializeContext context)
    {
    }
}

/// <summary>An activity that does its work in one call and completes with the <c>Done</c> outcome, unless it
/// completed itself with other outcomes or created a bookmark.</summary>
public abstract class CodeActivity : Activity
{
    protected internal override bool AutoComplete => true;

    public override ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        Execute(context);
        return ValueTask.CompletedTask;
    }

    /// <summary>Synchronous variant; override this or <see cref="ExecuteAsync"/>.</summary>
    protected virtual void Execute(ActivityExecutionContext context)
    {
    }
}

/// <summary>A <see cref="CodeActivity"/> with a <c>Result</c> output.</summary>
public abstract class CodeActivity<T> : CodeActivity
{
    [Output(Description = "The result of the activity.")]
    public Output<T> Result { get; set; } = new();
}
