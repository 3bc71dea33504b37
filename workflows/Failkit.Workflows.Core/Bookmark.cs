using System.Text.Json.Nodes;

namespace Failkit.Workflows.Core;

/// <summary>A point where an instance waits: for an event, a timer, a child workflow or a retry.</summary>
public sealed class Bookmark
{
    public required string Id { get; init; }

    /// <summary>The stimulus kind, usually the activity type (<c>Elsa.Event</c>, <c>Elsa.Delay</c>).</summary>
    public required string Name { get; init; }

    /// <summary>The stimulus key, e.g. the event name. Lookups compare it ordinally.</summary>
    public string? Hash { get; init; }

    public JsonNode? Payload { get; init; }

    public required string ActivityNodeId { get; init; }

    public required string ActivityInstanceId { get; init; }

    /// <summary>For timers: when the runtime resumes the bookmark by itself.</summary>
    public DateTimeOffset? ResumeAt { get; init; }

    public DateTimeOffset CreatedAt { get; init; }
}

/// <summary>What an activity asks for when it creates a bookmark.</summary>
public sealed record BookmarkOptions(string Name, string? Hash = null, JsonNode? Payload = null, DateTimeOffset? ResumeAt = null);
