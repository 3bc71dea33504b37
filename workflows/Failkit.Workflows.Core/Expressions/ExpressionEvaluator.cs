using System.Text.Json;
using System.Text.Json.Nodes;

namespace Failkit.Workflows.Core.Expressions;

/// <summary>Evaluates an input's expression in the language its <c>expression.type</c> names.</summary>
public static class ExpressionEvaluator
{
    public static object? Evaluate(Input input, Type target, ActivityExecutionContext ctx)
    {
        var e = input.Expression;
        try
        {
            var raw = e.Type switch
            {
                Expression.LiteralType => Literal(e.Value),
                Expression.ObjectType or "Json" => e.Text is { Length: > 0 } text ? ValueConverter.FromJson(JsonDocument.Parse(text).RootElement) : null,
                Expression.VariableType => ctx.GetVariable(ReferenceName(e.Value)),
                Expression.InputType => ctx.WorkflowInput.TryGetValue(ReferenceName(e.Value), out var v) ? v : null,
                Expression.JavaScriptType => ctx.Workflow.Scripts.Evaluate(e.Text ?? "", ctx),
                Expression.LiquidType => LiquidTemplates.Render(e.Text ?? "", ctx),
                _ => throw new NotSupportedException($"Unknown expression language '{e.Type}'."),
            };
            var value = ValueConverter.Convert(raw, target);
            if (e.Type == Expression.LiteralType && IsImmutable(target))
            {
                input.LiteralCache = value;
                input.HasLiteralCache = true;
            }

            return value;
        }
        catch (ExpressionException)
        {
            throw;
        }
        catch (OperationCanceledException) when (ctx.CancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            throw new ExpressionException(ctx.Activity.Id, input.Name, e.Type, ex.Message, ex);
        }
    }

    /// <summary>A syntax error that publishing should report, or null. Only scripts are checked ahead of time.</summary>
    public static string? SyntaxError(Expression e)
    {
        try
        {
            switch (e.Type)
            {
                case Expression.JavaScriptType when e.Text is { Length: > 0 } js:
                    JavaScriptEngineHolder.Prepare(js);
                    break;
                case Expression.LiquidType when e.Text is { Length: > 0 } liquid:
                    LiquidTemplates.Parse(liquid);
                    break;
                case Expression.ObjectType when e.Text is { Length: > 0 } json:
                    JsonDocument.Parse(json).Dispose();
                    break;
            }

            return null;
        }
        catch (Exception ex)
        {
            return $"{e.Type} syntax error: {ex.Message}";
        }
    }

    private static object? Literal(JsonNode? value) => value switch
    {
        null => null,
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        _ => ValueConverter.FromJson(JsonSerializer.SerializeToElement(value)),
    };

    /// <summary>Variable and Input expressions hold either a name or the JSON of the referenced definition.</summary>
    private static string ReferenceName(JsonNode? value)
    {
        if (value is JsonValue v && v.TryGetValue<string>(out var s))
        {
            var t = s.TrimStart();
            if (!t.StartsWith('{'))
            {
                return s;
            }

            value = JsonNode.Parse(s);
        }

        return (string?)value?["id"] ?? (string?)value?["name"] ?? throw new InvalidOperationException("The reference names no variable or input.");
    }

    private static bool IsImmutable(Type t)
    {
        t = Nullable.GetUnderlyingType(t) ?? t;
        return t.IsPrimitive || t.IsEnum || t == typeof(string) || t == typeof(decimal) || t == typeof(TimeSpan)
            || t == typeof(DateTimeOffset) || t == typeof(DateTime) || t == typeof(Guid);
    }
}
