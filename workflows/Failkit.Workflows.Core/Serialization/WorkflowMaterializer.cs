using System.Collections;
using System.Text.Json;
using System.Text.Json.Nodes;
using Failkit.Workflows.Core.Execution;
using Failkit.Workflows.Core.Expressions;
using Failkit.Workflows.Core.Model;

namespace Failkit.Workflows.Core.Serialization;

/// <summary>Turns a definition's JSON into a runnable activity graph, and reports every problem it finds
/// (unknown types, bad expressions, missing required inputs, dangling connections) by activity and field.</summary>
public sealed class WorkflowMaterializer(ActivityRegistry registry)
{
    public ActivityRegistry Registry => registry;

    /// <summary>Builds the graph, or throws <see cref="WorkflowValidationException"/> listing every problem.</summary>
    public WorkflowGraph Materialize(WorkflowDefinition definition)
    {
        var (graph, errors) = TryMaterialize(definition);
        return errors.Count == 0 ? graph! : throw new WorkflowValidationException(errors);
    }

    /// <summary>The problems publishing would report; empty when the definition is valid.</summary>
    public IReadOnlyList<ValidationError> Validate(WorkflowDefinition definition) => TryMaterialize(definition).Errors;

    public (WorkflowGraph? Graph, IReadOnlyList<ValidationError> Errors) TryMaterialize(WorkflowDefinition definition)
    {
        MaterializeContext? ctx = null;
        ctx = new MaterializeContext((json, parent) => Build(json, parent, ctx!));
        var root = Build(definition.Root, NodeIds.WorkflowPrefix, ctx);
        foreach (var v in definition.Variables ?? [])
        {
            if (string.IsNullOrWhiteSpace(v.Name))
            {
                ctx.Error(v.Id, "variables", "A variable needs a name.");
            }
        }

        return ctx.Errors.Count > 0 || root is null ? (null, ctx.Errors) : (new WorkflowGraph(definition, root), ctx.Errors);
    }

    private Activity? Build(JsonObject json, string parentNodeId, MaterializeContext ctx)
    {
        var id = json["id"] is JsonValue iv && iv.TryGetValue<string>(out var sid) ? sid : "";
        if (id.Length == 0)
        {
            ctx.Error((string?)json["name"]?.ToString() ?? "?", "id", "Every activity needs a string id.");
        }

        var typeName = json["type"] is JsonValue tv && tv.TryGetValue<string>(out var t) ? t : null;
        var version = json["version"] is JsonValue vv && vv.TryGetValue<int>(out var v) ? v : 1;
        if (typeName is null)
        {
            ctx.Error(id, "type", "The activity has no type.");
            return null;
        }

        if (!registry.TryGet(typeName, version, out var model))
        {
            ctx.Error(id, "type", $"Unknown activity type '{typeName}' (version {version}).");
            return null;
        }

        var activity = model.Create();
        activity.Id = id.Length > 0 ? id : activity.Id;
        activity.NodeId = parentNodeId + ":" + activity.Id;
        activity.Name = (string?)json["name"];
        activity.CustomProperties = json["customProperties"] as JsonObject;
        BindInputs(activity, model, json, ctx);
        BindOutputs(activity, model, json);
        BindChildren(activity, model, json, ctx);
        activity.OnMaterialized(json, ctx);
        return activity;
    }

    private static void BindInputs(Activity activity, ActivityTypeModel model, JsonObject json, MaterializeContext ctx)
    {
        foreach (var m in model.Inputs)
        {
            var node = json[m.JsonKey];
            if (m.IsWrapped)
            {
                var expr = node?["expression"];
                if (expr?["type"] is JsonValue et && et.TryGetValue<string>(out var exprType))
                {
                    var expression = new Expression(exprType, expr["value"]?.DeepClone());
                    if (!Expression.KnownTypes.Contains(exprType))
                    {
                        ctx.Error(activity.Id, m.JsonKey, $"Unknown expression language '{exprType}'.");
                    }
                    else if (ExpressionEvaluator.SyntaxError(expression) is { } syntax)
                    {
                        ctx.Error(activity.Id, m.JsonKey, syntax);
                    }

                    var input = (Input)Activator.CreateInstance(typeof(Input<>).MakeGenericType(m.ValueType), expression)!;
                    input.Name = m.Property.Name;
                    input.IsSensitive = m.Attribute.IsSensitive;
                    m.Property.SetValue(activity, input);
                }
                else if (m.Property.GetValue(activity) is Input existing)
                {
                    existing.Name = m.Property.Name;
                    existing.IsSensitive = m.Attribute.IsSensitive;
                }

                // A required input must be filled in the definition itself; a class default does not count,
                // because the designer would show an input the author never set.
                var bound = m.Property.GetValue(activity) as Input;
                if (m.Attribute.IsRequired && (node?["expression"] is null || bound is null || IsEmpty(bound.Expression)))
                {
                    ctx.Error(activity.Id, m.JsonKey, $"The required input '{m.Property.Name}' is empty.");
                }
            }
            else if (node is not null)
            {
                try
                {
                    m.Property.SetValue(activity, node.Deserialize(m.ValueType, WorkflowJson.Options));
                }
                catch (JsonException ex)
                {
                    ctx.Error(activity.Id, m.JsonKey, $"Invalid value: {ex.Message}");
                }
            }
            else if (m.Attribute.IsRequired && m.Property.GetValue(activity) is null)
            {
                ctx.Error(activity.Id, m.JsonKey, $"The required input '{m.Property.Name}' is empty.");
            }
        }
    }

    private static bool IsEmpty(Expression e) =>
        e.Value is null || (e.Value is JsonValue v && v.TryGetValue<string>(out var s) && string.IsNullOrWhiteSpace(s));

    private static void BindOutputs(Activity activity, ActivityTypeModel model, JsonObject json)
    {
        foreach (var m in model.Outputs)
        {
            var output = m.Property.GetValue(activity) as Output
                ?? (Output)Activator.CreateInstance(typeof(Output<>).MakeGenericType(m.ValueType))!;
            output.Name = m.Property.Name;
            var reference = json[m.JsonKey]?["memoryReference"]?["id"];
            output.TargetVariable = reference is JsonValue r && r.TryGetValue<string>(out var target) ? target : null;
            m.Property.SetValue(activity, output);
        }
    }

    private static void BindChildren(Activity activity, ActivityTypeModel model, JsonObject json, MaterializeContext ctx)
    {
        foreach (var c in model.Children)
        {
            var node = json[c.JsonKey];
            if (!c.IsCollection)
            {
                if (node is JsonObject child)
                {
                    c.Property.SetValue(activity, ctx.Build(child, activity.NodeId));
                }

                continue;
            }

            var list = new List<IActivity>();
            foreach (var item in node as JsonArray ?? [])
            {
                if (item is JsonObject o && ctx.Build(o, activity.NodeId) is { } built)
                {
                    list.Add(built);
                }
            }

            c.Property.SetValue(activity, list);
        }
    }
}

/// <summary>A definition that cannot be run; every problem is listed.</summary>
public sealed class WorkflowValidationException(IReadOnlyList<ValidationError> errors)
    : Exception("The workflow definition is invalid: " + string.Join("; ", errors))
{
    public IReadOnlyList<ValidationError> Errors { get; } = errors;
}
