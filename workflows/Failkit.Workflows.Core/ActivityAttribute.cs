namespace Failkit.Workflows.Core;

/// <summary>
/// Describes an activity type. The type name is <c>{Namespace}.{Type}</c>, e.g. <c>Failkit.BootVm</c>;
/// <see cref="Type"/> defaults to the class name.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class ActivityAttribute(string @namespace, string? category = null, string? description = null) : Attribute
{
    public string Namespace { get; } = @namespace;

    public string? Category { get; } = category;

    public string? Description { get; } = description;

    /// <summary>Short type name; the class name when null.</summary>
    public string? Type { get; set; }

    public string? DisplayName { get; set; }

    public int Version { get; set; } = 1;

    public ActivityKind Kind { get; set; } = ActivityKind.Action;

    public bool IsBrowsable { get; set; } = true;
}

/// <summary>How the designer and the trigger index treat an activity.</summary>
public enum ActivityKind
{
    Action,
    Trigger,
    Job,
    Task,
}

/// <summary>Declares the Flow ports (outcomes) an activity completes with, e.g. <c>[FlowNode("Succeeded", "Failed")]</c>.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = true)]
public sealed class FlowNodeAttribute(params string[] outcomes) : Attribute
{
    public IReadOnlyList<string> Outcomes { get; } = outcomes;
}

/// <summary>Marks an activity-valued property as an embedded port (a child slot such as <c>Then</c> or <c>Body</c>).</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class PortAttribute : Attribute
{
    public string? DisplayName { get; set; }
}

/// <summary>Marks the start of a flowchart (no In port) or its end (no default Done port).</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class FlowShapeAttribute : Attribute
{
    public bool IsStart { get; set; }

    public bool IsTerminal { get; set; }
}
