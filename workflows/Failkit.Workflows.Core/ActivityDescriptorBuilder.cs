using System.Reflection;
using System.Text.Json.Nodes;
using Failkit.Workflows.Core.Model;

namespace Failkit.Workflows.Core;

/// <summary>Builds Elsa-shaped activity descriptors from activity classes.</summary>
internal static class ActivityDescriptorBuilder
{
    public static ActivityDescriptor Build(ActivityTypeModel model)
    {
        var info = model.Info;
        var attr = info.Attribute;
        var shape = model.ClrType.GetCustomAttribute<FlowShapeAttribute>();
        var flowPorts = model.ClrType.GetCustomAttribute<FlowNodeAttribute>()?.Outcomes ?? [];
        var ports = flowPorts.Select(o => new PortDescriptor(o, o, "Flow"))
            .Concat(model.Children.Where(c => c.IsPort).Select(c =>
                new PortDescriptor(c.Property.Name, c.Property.GetCustomAttribute<PortAttribute>()?.DisplayName ?? c.Property.Name, "Embedded")))
            .ToList();

        return new ActivityDescriptor
        {
            TypeName = info.TypeName,
            Name = info.ShortName,
            Namespace = info.Namespace,
            Version = info.Version,
            Category = attr?.Category ?? "Miscellaneous",
            DisplayName = attr?.DisplayName ?? Humanize(info.ShortName),
            Description = attr?.Description,
            Kind = attr?.Kind ?? ActivityKind.Action,
            IsBrowsable = attr?.IsBrowsable ?? true,
            IsContainer = model.Children.Count > 0,
            IsStart = shape?.IsStart ?? false,
            IsTerminal = shape?.IsTerminal ?? false,
            Ports = ports,
            Inputs = model.Inputs.Select(Input).OrderBy(i => i.Order).ToList(),
            Outputs = model.Outputs.Select((o, i) => new OutputDescriptor
            {
                Name = o.Property.Name,
                TypeName = TypeAliases.AliasOf(o.ValueType),
                DisplayName = o.Attribute.DisplayName ?? Humanize(o.Property.Name),
                Description = o.Attribute.Description,
                Order = i,
                IsSerializable = o.Attribute.IsSerializable,
            }).ToList(),
        };
    }

    private static InputDescriptor Input(InputMember m)
    {
        var a = m.Attribute;
        var t = Nullable.GetUnderlyingType(m.ValueType) ?? m.ValueType;
        var hint = a.UIHint ?? (a.Options is { Length: > 0 } || t.IsEnum ? "dropdown" : t == typeof(bool) ? "checkbox" : "singleline");
        var options = a.Options ?? (t.IsEnum ? Enum.GetNames(t) : null);
        JsonObject? specs = null;
        if (hint == "dropdown" && options is not null)
        {
            var items = new JsonArray(options.Select(o => (JsonNode)new JsonObject { ["text"] = o, ["value"] = o }).ToArray());
            specs = new JsonObject { ["dropdown"] = new JsonObject { ["selectList"] = new JsonObject { ["items"] = items, ["isFlagsEnum"] = false } } };
        }
        else if (hint == "json-editor")
        {
            // The Studio's JSON editor takes its Monaco language from the code-editor options, else highlights JavaScript.
            specs = new JsonObject { ["code-editor"] = new JsonObject { ["language"] = "json" } };
        }

        return new InputDescriptor
        {
            Name = m.Property.Name,
            TypeName = TypeAliases.AliasOf(m.ValueType),
            DisplayName = a.DisplayName ?? Humanize(m.Property.Name),
            Description = a.Description,
            Order = a.Order,
            Category = a.Category,
            IsBrowsable = a.IsBrowsable,
            IsWrapped = m.IsWrapped,
            UiHint = hint,
            DefaultValue = a.DefaultValue is null ? null : JsonValue.Create(a.DefaultValue),
            DefaultSyntax = a.DefaultSyntax ?? "Literal",
            IsSensitive = a.IsSensitive,
            IsRequired = a.IsRequired,
            UiSpecifications = specs,
        };
    }

    private static string Humanize(string pascal) =>
        string.Concat(pascal.Select((c, i) => i > 0 && char.IsUpper(c) && !char.IsUpper(pascal[i - 1]) ? " " + c : c.ToString()));
}
