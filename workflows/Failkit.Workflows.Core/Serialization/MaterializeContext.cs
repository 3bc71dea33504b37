using System.Text.Json.Nodes;

namespace Failkit.Workflows.Core;

/// <summary>A problem found in a definition, named by activity and field, as publish reports it.</summary>
public sealed record ValidationError(string ActivityId, string Field, string Message)
{
    public override string ToString() => $"Activity '{ActivityId}', field '{Field}': {Message}";
}

/// <summary>Passed to <see cref="Activity.OnMaterialized"/>: builds nested activities and collects problems.</summary>
public sealed class MaterializeContext
{
    private readonly Func<JsonObject, string, IActivity?> _build;

    internal MaterializeContext(Func<JsonObject, string, IActivity?> build) => _build = build;

    public List<ValidationError> Errors { get; } = [];

    /// <summary>Builds a nested activity below <paramref name="parentNodeId"/>; null if it is invalid.</summary>
    public IActivity? Build(JsonObject json, string parentNodeId) => _build(json, parentNodeId);

    public void Error(string activityId, string field, string message) => Errors.Add(new ValidationError(activityId, field, message));
}
