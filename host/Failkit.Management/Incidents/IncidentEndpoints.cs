using System.Security.Claims;
using Failkit.Tenancy;
using Failkit.Tenancy.Audit;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Failkit.Management.Incidents;

public sealed record OpenIncidentRequest(string? Title, string? Severity, string[]? AffectedTenants, string? WhatHappened, DateTimeOffset? ConfirmedAt);

public sealed record PostmortemRequest(string? Document);

public sealed record IncidentUpdateRequest(string? Message);

public sealed record IncidentTenantView(string Slug, DateTimeOffset? NotifiedAt, DateTimeOffset? AcknowledgedAt, DateTimeOffset? EscalatedAt);

public sealed record IncidentRecipientView(string Tenant, string Email, string Role, int Attempts, DateTimeOffset? DeliveredAt, string? LastError, DateTimeOffset? PostmortemDeliveredAt);

/// <summary>The operator's view of one incident: the deadlines and whether they were met, and every delivery.</summary>
public sealed record IncidentView(
    Guid Id, string Title, string Severity, string State, DateTimeOffset ConfirmedAt, string? WorkflowInstanceId,
    DateTimeOffset NotificationDeadline, bool? NotifiedInTime, DateTimeOffset PostmortemDeadline, bool? PostmortemInTime,
    DateTimeOffset? PostmortemAt, DateTimeOffset? ClosedAt, IReadOnlyList<IncidentTenantView> Tenants, IReadOnlyList<IncidentRecipientView> Recipients);

/// <summary>The platform operator's incident API (<c>/api/incidents</c>) and the recipients' acknowledgement link.</summary>
public static partial class IncidentEndpoints
{
    public static RouteGroupBuilder MapIncidentEndpoints(this IEndpointRouteBuilder app)
    {
        var incidents = app.MapGroup("/api/incidents").WithTags("Incidents");
        incidents.MapPost("/", OpenAsync).WithName("OpenIncident").RequireAuthorization(ManagementAuthorization.PlatformOperatorPolicy);
        incidents.MapGet("/{id:guid}", GetAsync).WithName("GetIncident").RequireAuthorization(ManagementAuthorization.PlatformOperatorPolicy);
        incidents.MapPost("/{id:guid}/updates", PostUpdateAsync).WithName("PostIncidentUpdate").RequireAuthorization(ManagementAuthorization.PlatformOperatorPolicy);
        incidents.MapPost("/{id:guid}/postmortem", PostmortemAsync).WithName("SubmitIncidentPostmortem").RequireAuthorization(ManagementAuthorization.PlatformOperatorPolicy);
        // The token in the link is the credential: it names one recipient of one incident (IncidentAckTokens).
        incidents.MapGet("/{id:guid}/acknowledge", AcknowledgePage).WithName("IncidentAcknowledgePage").AllowAnonymous();
        incidents.MapPost("/{id:guid}/acknowledge", AcknowledgeAsync).WithName("AcknowledgeIncident").AllowAnonymous().DisableAntiforgery();
        app.MapStatusPage();
        return incidents;
    }

    // The handlers are public because the operator console calls them: one set of rules for the route and the page.
    public static async Task<Results<Created<IncidentView>, ValidationProblem>> OpenAsync(
        OpenIncidentRequest body, ClaimsPrincipal user, IncidentResponse response, IncidentStore store, IncidentOptions options, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(response);
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(body.Title) || body.Title.Length > 200)
        {
            errors["title"] = ["title is required, at most 200 characters"];
        }

        if (body.Severity is null || !IncidentSeverity.All.Contains(body.Severity))
        {
            errors["severity"] = ["severity must be low, medium, high or critical"];
        }

        if (string.IsNullOrWhiteSpace(body.WhatHappened) || body.WhatHappened.Length > 20000)
        {
            errors["whatHappened"] = ["whatHappened is required, at most 20000 characters"];
        }

        if (body.ConfirmedAt is null)
        {
            errors["confirmedAt"] = ["confirmedAt is required (ISO-8601 with offset)"];
        }

        var slugs = (body.AffectedTenants ?? []).Distinct(StringComparer.Ordinal).ToList();
        if (slugs.Count == 0 || slugs.Any(s => TenantSlug.Validate(s) is not null))
        {
            errors["affectedTenants"] = ["affectedTenants must list one or more tenant slugs"];
        }
        else if (await response.UnknownTenantsAsync(slugs, ct) is { Count: > 0 } unknown)
        {
            errors["affectedTenants"] = [$"not active tenants: {string.Join(", ", unknown)}"];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var incident = await response.OpenAsync(body.Title!.Trim(), body.Severity!, body.WhatHappened!, body.ConfirmedAt!.Value, slugs,
            AuditEntry.ActorOf(user), ct);
        return TypedResults.Created($"/api/incidents/{incident.Id}", await ViewAsync(incident, store, options, ct));
    }

    public static async Task<Results<Ok<IncidentView>, NotFound>> GetAsync(Guid id, IncidentStore store, IncidentOptions options, CancellationToken ct) =>
        await (store ?? throw new ArgumentNullException(nameof(store))).GetAsync(id, ct) is { } incident ? TypedResults.Ok(await ViewAsync(incident, store, options, ct)) : TypedResults.NotFound();

    public static async Task<Results<Accepted, NotFound, ValidationProblem, ProblemHttpResult>> PostmortemAsync(
        Guid id, PostmortemRequest body, IncidentResponse response, IncidentStore store, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(store);
        if (await store.GetAsync(id, ct) is null)
        {
            return TypedResults.NotFound();
        }

        if (string.IsNullOrWhiteSpace(body.Document) || body.Document.Length > 200_000)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["document"] = ["document is required, at most 200000 characters"] });
        }

        return await response.SubmitPostmortemAsync(id, body.Document, ct)
            ? TypedResults.Accepted($"/api/incidents/{id}")
            : TypedResults.Problem("The incident already has a postmortem or is closed.", statusCode: StatusCodes.Status409Conflict, title: "Postmortem not accepted");
    }

    /// <summary>An update on the incident's timeline, which the public status page shows; refused once it is closed.</summary>
    public static async Task<Results<Accepted, NotFound, ValidationProblem, ProblemHttpResult>> PostUpdateAsync(
        Guid id, IncidentUpdateRequest body, IncidentStore store, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(store);
        if (await store.GetAsync(id, ct) is not { } incident)
        {
            return TypedResults.NotFound();
        }

        if (string.IsNullOrWhiteSpace(body.Message) || body.Message.Length > 2000)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["message"] = ["message is required, at most 2000 characters"] });
        }

        if (incident.IsClosed)
        {
            return TypedResults.Problem("The incident is closed.", statusCode: StatusCodes.Status409Conflict, title: "Update not accepted");
        }

        await store.AddUpdateAsync(id, body.Message.Trim(), ct);
        return TypedResults.Accepted($"/api/incidents/{id}");
    }

    public static async Task<IncidentView> ViewAsync(SecurityIncident i, IncidentStore store, IncidentOptions options, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(i);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(options);
        var tenants = (await store.TenantsAsync(i.Id, ct)).Select(t => new IncidentTenantView(t.Slug, t.NotifiedAt, t.AcknowledgedAt, t.EscalatedAt)).ToList();
        var recipients = (await store.RecipientsAsync(i.Id, ct))
            .Select(r => new IncidentRecipientView(r.TenantSlug, r.Email, r.Role, r.Attempts, r.DeliveredAt, r.LastError, r.PostmortemDeliveredAt)).ToList();
        return new IncidentView(i.Id, i.Title, i.Severity, i.State, i.ConfirmedAt, i.WorkflowInstanceId,
            i.ConfirmedAt + options.NotificationDeadline, i.NotifiedInTime, i.ConfirmedAt + options.PostmortemDeadline, i.PostmortemInTime,
            i.PostmortemAt, i.ClosedAt, tenants, recipients);
    }
}
