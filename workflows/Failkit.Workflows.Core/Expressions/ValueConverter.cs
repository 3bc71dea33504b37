using System.Collections;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Xml;
using Jint.Native;

namespace Failkit.Workflows.Core.Expressions;

/// <summary>Converts evaluated values (CLR, JSON, Jint) to the type an input or variable asks for.</summary>
public static class ValueConverter
{
    public static object? Convert(object? value, Type target)
    {
        var t = Nullable.GetUnderlyingType(target) ?? target;
        value = Unwrap(value);
        if (value is null)
        {
            return t.IsValueType && Nullable.GetUnderlyingType(target) is null ? Activator.CreateInstance(t) : null;
        }

        if (t == typeof(object) || t.IsInstanceOfType(value))
        {
            return value;
        }

        if (t == typeof(string))
        {
            return value is IFormattable f ? f.ToString(null, CultureInfo.InvariantCulture) : value is IDictionary or IList ? JsonSerializer.Serialize(value) : value.ToString();
        }

        if (value is string s)
        {
            return FromString(s, t);
        }

        if (t == typeof(TimeSpan) && value is IConvertible)
        {
            return TimeSpan.FromMilliseconds(System.Convert.ToDouble(value, CultureInfo.InvariantCulture));
        }

        if (t.IsEnum)
        {
            // JSON numbers arrive as double or decimal, which Enum.ToObject refuses; an enum's value is integral.
            return Enum.ToObject(t, value is Enum ? value : System.Convert.ToInt64(value, CultureInfo.InvariantCulture));
        }

        if (value is IConvertible && typeof(IConvertible).IsAssignableFrom(t))
        {
            return System.Convert.ChangeType(value, t, CultureInfo.InvariantCulture);
        }

        return JsonSerializer.SerializeToNode(value, WorkflowJson.Options).Deserialize(t, WorkflowJson.Options);
    }

    /// <summary>Normalises JSON and Jint values to plain CLR values: dictionaries, lists and primitives.</summary>
    public static object? Unwrap(object? value) => value switch
    {
        null => null,
        JsValue js => Unwrap(js.ToObject()),
        JsonElement e => FromJson(e),
        JsonNode n => FromJson(JsonSerializer.SerializeToElement(n)),
        System.Dynamic.ExpandoObject x => x.ToDictionary(kv => kv.Key, kv => Unwrap(kv.Value), StringComparer.Ordinal),
        object?[] arr => arr.Select(Unwrap).ToList(),
        _ => value,
    };

    public static object? FromJson(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.String => e.GetString(),
        JsonValueKind.Number => e.TryGetInt64(out var l) ? (l is >= int.MinValue and <= int.MaxValue ? (int)l : l) : e.GetDouble(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.Object => e.EnumerateObject().ToDictionary(p => p.Name, p => FromJson(p.Value), StringComparer.Ordinal),
        JsonValueKind.Array => e.EnumerateArray().Select(FromJson).ToList(),
        _ => null,
    };

    private static object? FromString(string s, Type t)
    {
        if (t == typeof(bool))
        {
            return bool.Parse(s.Trim());
        }

        if (t == typeof(TimeSpan))
        {
            return s.StartsWith('P') ? XmlConvert.ToTimeSpan(s) : TimeSpan.Parse(s, CultureInfo.InvariantCulture);
        }

        if (t == typeof(DateTimeOffset))
        {
            return DateTimeOffset.Parse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
        }

        if (t == typeof(DateTime))
        {
            return DateTime.Parse(s, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
        }

        if (t == typeof(Guid))
        {
            return Guid.Parse(s);
        }

        if (t.IsEnum)
        {
            return Enum.Parse(t, s, ignoreCase: true);
        }

        if (typeof(IConvertible).IsAssignableFrom(t))
        {
            return System.Convert.ChangeType(s, t, CultureInfo.InvariantCulture);
        }

        var trimmed = s.TrimStart();
        if (trimmed.StartsWith('{') || trimmed.StartsWith('['))
        {
            return JsonSerializer.Deserialize(s, t, WorkflowJson.Options);
        }

        if (t.IsArray && t.GetElementType() == typeof(string))
        {
            return s.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        }

        return JsonSerializer.Deserialize(JsonSerializer.Serialize(s), t, WorkflowJson.Options);
    }
}
