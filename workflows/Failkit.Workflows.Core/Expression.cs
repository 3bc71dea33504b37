using System.Text.Json.Nodes;

namespace Failkit.Workflows.Core;

/// <summary>
/// An expression as Elsa stores it: <c>{"type": "JavaScript", "value": "variables.Count + 1"}</c>.
/// </summary>
public sealed record Expression(string Type, JsonNode? Value)
{
    public const string LiteralType = "Literal";
    public const string ObjectType = "Object";
    public const string VariableType = "Variable";
    public const string InputType = "Input";
    public const string JavaScriptType = "JavaScript";
    public const string LiquidType = "Liquid";

    /// <summary>The languages this engine evaluates; anything else is rejected at publish.</summary>
    public static readonly IReadOnlySet<string> KnownTypes =
        new HashSet<string>(StringComparer.Ordinal) { LiteralType, ObjectType, "Json", VariableType, InputType, JavaScriptType, LiquidType };

    public static Expression Literal(object? value) =>
        new(LiteralType, value is null ? null : JsonValue.Create(value));

    public static Expression JavaScript(string code) => new(JavaScriptType, JsonValue.Create(code));

    public static Expression Liquid(string template) => new(LiquidType, JsonValue.Create(template));

    /// <summary>The expression text, when the value is a string.</summary>
    public string? Text => Value is JsonValue v && v.TryGetValue<string>(out var s) ? s : Value?.ToJsonString();
}
