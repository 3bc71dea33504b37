namespace Failkit.Workflows.Core;

/// <summary>Describes an activity input; the property is an <see cref="Input{T}"/> or, for non-wrapped inputs, a plain value.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class InputAttribute : Attribute
{
    public string? DisplayName { get; set; }

    public string? Description { get; set; }

    public string? Category { get; set; }

    /// <summary>Designer widget: singleline, multiline, checkbox, dropdown, code-editor, json-editor...</summary>
    public string? UIHint { get; set; }

    /// <summary>Options of a dropdown.</summary>
    public string[]? Options { get; set; }

    public object? DefaultValue { get; set; }

    /// <summary>The expression language the designer proposes first, e.g. <c>JavaScript</c>.</summary>
    public string? DefaultSyntax { get; set; }

    public float Order { get; set; }

    public bool IsBrowsable { get; set; } = true;

    /// <summary>A sensitive input is evaluated but never written to the execution journal.</summary>
    public bool IsSensitive { get; set; }

    /// <summary>Publishing rejects a definition that leaves a required input empty.</summary>
    public bool IsRequired { get; set; }
}

/// <summary>Describes an activity output; the property is an <see cref="Output{T}"/>.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class OutputAttribute : Attribute
{
    public string? DisplayName { get; set; }

    public string? Description { get; set; }

    public bool IsSerializable { get; set; } = true;
}
