using System.Dynamic;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Failkit.Workflows.Core;

/// <summary>Elsa's stable type aliases (<c>String</c>, <c>Int32</c>, <c>ObjectDictionary</c>...). Renaming one breaks
/// stored definitions, so this table only grows.</summary>
public static class TypeAliases
{
    private static readonly Dictionary<Type, string> ToAlias = new()
    {
        [typeof(string)] = "String",
        [typeof(bool)] = "Boolean",
        [typeof(int)] = "Int32",
        [typeof(long)] = "Int64",
        [typeof(double)] = "Double",
        [typeof(float)] = "Single",
        [typeof(decimal)] = "Decimal",
        [typeof(object)] = "Object",
        [typeof(Guid)] = "Guid",
        [typeof(DateTime)] = "DateTime",
        [typeof(DateTimeOffset)] = "DateTimeOffset",
        [typeof(TimeSpan)] = "TimeSpan",
        [typeof(IDictionary<string, object>)] = "ObjectDictionary",
        [typeof(IDictionary<string, object?>)] = "ObjectDictionary",
        [typeof(Dictionary<string, object?>)] = "ObjectDictionary",
        [typeof(IDictionary<string, string>)] = "StringDictionary",
        [typeof(ExpandoObject)] = "JSON",
        [typeof(JsonElement)] = "JsonElement",
        [typeof(JsonObject)] = "JsonObject",
        [typeof(JsonNode)] = "JsonNode",
    };

    private static readonly Dictionary<string, Type> FromAlias = BuildReverse();

    public static string AliasOf(Type type)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        if (ToAlias.TryGetValue(t, out var alias))
        {
            return alias;
        }

        var element = t.IsArray ? t.GetElementType() : ElementOfEnumerable(t);
        return element is not null && t != typeof(string) ? AliasOf(element) + "[]" : t.FullName ?? t.Name;
    }

    public static Type? TypeOf(string alias)
    {
        if (FromAlias.TryGetValue(alias, out var t))
        {
            return t;
        }

        if (alias.EndsWith("[]", StringComparison.Ordinal) && TypeOf(alias[..^2]) is { } element)
        {
            return element.MakeArrayType();
        }

        return Type.GetType(alias, throwOnError: false);
    }

    private static Type? ElementOfEnumerable(Type t) =>
        t.IsGenericType && t.GetGenericTypeDefinition() is var g &&
        (g == typeof(IEnumerable<>) || g == typeof(ICollection<>) || g == typeof(IList<>) || g == typeof(List<>) || g == typeof(IReadOnlyList<>))
            ? t.GetGenericArguments()[0]
            : null;

    private static Dictionary<string, Type> BuildReverse()
    {
        var d = new Dictionary<string, Type>(StringComparer.OrdinalIgnoreCase);
        foreach (var (type, alias) in ToAlias)
        {
            d.TryAdd(alias, type);
        }

        d["ObjectDictionary"] = typeof(Dictionary<string, object?>);
        d["StringDictionary"] = typeof(Dictionary<string, string>);
        return d;
    }
}
