using System.Text.Json;

namespace Failkit.Drills;

/// <summary>The JSON shape of every jsonb column and API body of the module: camelCase, enums as names.</summary>
public static class DrillsJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);

    public static T Deserialize<T>(string json) =>
        JsonSerializer.Deserialize<T>(json, Options) ?? throw new JsonException($"null where a {typeof(T).Name} was stored");
}
