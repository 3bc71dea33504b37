using System.Text.Json.Nodes;

namespace Failkit.Workflows.Core.Activities;

/// <summary>A flowchart edge from a source activity's outcome port to a target activity.</summary>
public sealed record Connection(string Source, string SourcePort, string Target, string TargetPort)
{
    public const string DefaultPort = "Done";

    /// <summary>Reads Elsa 3's <c>{source:{activity,port}, target:{activity,port}}</c> and the older flat form.</summary>
    public static Connection? Parse(JsonObject json)
    {
        string? Str(JsonNode? n) => n is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
        var source = json["source"] is JsonObject so ? Str(so["activity"]) : Str(json["source"]);
        var target = json["target"] is JsonObject to ? Str(to["activity"]) : Str(json["target"]);
        var sourcePort = (json["source"] as JsonObject)?["port"] is { } sp ? Str(sp) : Str(json["sourcePort"]);
        var targetPort = (json["target"] as JsonObject)?["port"] is { } tp ? Str(tp) : Str(json["targetPort"]);
        return source is null || target is null ? null : new Connection(source, sourcePort ?? DefaultPort, target, targetPort ?? "In");
    }
}
