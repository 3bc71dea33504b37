namespace Failkit.Management.Incidents;

public static class IncidentSeverity
{
    public static IReadOnlyList<string> All { get; } = ["low", "medium", "high", "critical"];
}

public sealed record SecurityIncident(
    Guid Id, string Title, string Severity, string WhatHappened, DateTimeOffset ConfirmedAt, DateTimeOffset CreatedAt,
    string CreatedBy, string State, string? WorkflowInstanceId, bool? NotifiedInTime, string? Postmortem,
    DateTimeOffset? PostmortemAt, bool? PostmortemInTime, DateTimeOffset? ClosedAt)
{
    public const string Columns = "id, title, severity, what_happened, confirmed_at, created_at, created_by, state, workflow_instance_id, " +
        "notified_in_time, postmortem, postmortem_at, postmortem_in_time, closed_at";

    public bool IsClosed => State == "closed";
}

public sealed record IncidentTenant(
    string Slug, DateTimeOffset? NotifiedAt, DateTimeOffset? AcknowledgedAt, string? AcknowledgedBy, DateTimeOffset? EscalatedAt);

public sealed record IncidentRecipient(
    Guid Id, string TenantSlug, string Email, string Role, int Attempts, DateTimeOffset? DeliveredAt, string? LastError,
    DateTimeOffset? PostmortemDeliveredAt);

public sealed record IncidentUpdate(DateTimeOffset At, string Message);

/// <summary>What a tenant plane keeps of an incident that affects it: its audit log records it, and its own
/// <c>GET /api/incidents</c> lists it.</summary>
public sealed record IncidentNotice(Guid IncidentId, string Kind, string Title, string Severity, string State, string Message, DateTimeOffset At)
{
    /// <summary>Names of the tenant's webhooks that already took this event: a retry posts to the others only.</summary>
    public IReadOnlyList<string> SkipWebhooks { get; init; } = [];
}

/// <summary>The deadlines and rhythm of the incident workflow (<c>Failkit:Incidents</c>).</summary>
public sealed class IncidentOptions
{
    /// <summary>Who hears about missed deadlines and reminders: the platform operators' addresses.</summary>
    public List<string> OperatorEmails { get; set; } = [];

    public TimeSpan NotificationDeadline { get; set; } = TimeSpan.FromHours(24);

    public TimeSpan EscalateAfter { get; set; } = TimeSpan.FromHours(4);

    public TimeSpan RetryEvery { get; set; } = TimeSpan.FromHours(1);

    public List<int> ReminderDays { get; set; } = [10, 13];

    public TimeSpan PostmortemDeadline { get; set; } = TimeSpan.FromDays(14);
}

/// <summary>One tenant webhook's answer to an incident notice, as the tenant plane reports it: the webhook's host
/// only (a URL may carry a token in its path) and never its secret.</summary>
public sealed record TenantWebhookDelivery(Guid WebhookId, string Name, string Host, bool Delivered, int? Status, string? Error);
