namespace Failkit.Workflows.Core;

/// <summary>Untyped view of an activity output.</summary>
public abstract class Output
{
    /// <summary>The property name of the output on its activity.</summary>
    public string Name { get; internal set; } = "";

    /// <summary>The workflow variable (id or name) the output is bound to, if any.</summary>
    public string? TargetVariable { get; internal set; }

    public abstract Type ValueType { get; }
}

/// <summary>An activity output; setting it records the value in the journal and writes the bound variable.</summary>
public sealed class Output<T> : Output
{
    public override Type ValueType => typeof(T);

    public void Set(ActivityExecutionContext context, T? value) => context.Set(this, value);
}
