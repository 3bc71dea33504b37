namespace Failkit.Workflows.Core;

/// <summary>Untyped view of an activity input, used by the engine and the descriptor builder.</summary>
public abstract class Input
{
    protected Input(Expression expression) => Expression = expression;

    public Expression Expression { get; }

    /// <summary>The property name of the input on its activity, set when the activity is materialized.</summary>
    public string Name { get; internal set; } = "";

    /// <summary>The type alias stored in the definition (<c>String</c>, <c>Int32</c>...).</summary>
    public string? TypeName { get; init; }

    public abstract Type ValueType { get; }

    internal bool IsSensitive { get; set; }

    /// <summary>Literal inputs are converted once and reused by every execution.</summary>
    internal object? LiteralCache { get; set; }

    internal bool HasLiteralCache { get; set; }
}

/// <summary>An activity input whose value comes from an expression evaluated at execution time.</summary>
public sealed class Input<T> : Input
{
    public Input(Expression expression) : base(expression)
    {
    }

    public Input(T literal) : base(Expression.Literal(literal))
    {
    }

    public override Type ValueType => typeof(T);

    public static implicit operator Input<T>(T literal) => new(literal);

    /// <summary>Evaluates the input in the given context (same as <c>context.Get(input)</c>).</summary>
    public T? Get(ActivityExecutionContext context) => context.Get(this);
}
