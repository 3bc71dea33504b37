using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Failkit.Workflows.Core;

/// <summary>The JSON conventions of the Elsa wire format: camelCase, enums as strings, nulls omitted.</summary>
public static class WorkflowJson
{
    public static readonly JsonSerializerOptions Options = Create();

    public static JsonSerializerOptions Create()
    {
        var o = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        Apply(o);
        return o;
    }

    /// <summary>Applies the conventions to options owned by someone else (e.g. ASP.NET Core's HTTP JSON options).</summary>
    public static void Apply(JsonSerializerOptions o)
    {
        ArgumentNullException.ThrowIfNull(o);
        o.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        o.DictionaryKeyPolicy = null;
        o.PropertyNameCaseInsensitive = true;
        o.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
        o.Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;
        o.NumberHandling = JsonNumberHandling.AllowReadingFromString;
        o.Converters.Add(new JsonStringEnumConverter());
    }

    /// <summary>camelCase of an input or output name, the key it has in activity JSON.</summary>
    public static string Camel(string name) =>
        string.IsNullOrEmpty(name) || char.IsLower(name[0]) ? name : char.ToLowerInvariant(name[0]) + name[1..];
}
