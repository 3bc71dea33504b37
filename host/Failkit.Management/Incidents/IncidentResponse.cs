using Failkit.Management.Tenants;
using Failkit.Workflows.Runtime;

namespace Failkit.Management.Incidents;

/// <summary>Opens an incident and starts its <c>incident-notification</c> workflow; hands the postmortem to the
/// workflow. The workflow's activities (activities/Failkit.Activities.Incidents) do the notifying.</summary>
public sealed class IncidentResponse(IncidentStore store, TenantRegistry registry, WorkflowRuntime runtime)
{
    public const string DefinitionId = "incident-notification";

    /// <summary>The event the postmortem resumes the workflow with, correlated by the incident's id.</summary>
    public const string PostmortemEvent = "incident-postmortem";

    public static string CorrelationOf(Guid incidentId) => "incident:" + incidentId;

    /// <summary>The slugs among <paramref name="slugs"/> that are not active tenants.</summary>
    public async Task<IReadOnlyList<string>> UnknownTenantsAsync(IEnumerable<string> slugs, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(slugs);
        var unknown = new List<string>();
        foreach (var slug in slugs)
        {
            if (await registry.FindAsync(slug, ct) is not { Status: TenantStatus.Active })
            {
                unknown.Add(slug);
            }
        }

        return unknown;
    }

    public async Task<SecurityIncident> OpenAsync(
        string title, string severity, string whatHappened, DateTimeOffset confirmedAt, IReadOnlyList<string> slugs, string actor, CancellationToken ct)
    {
        var incident = await store.CreateAsync(title, severity, whatHappened, confirmedAt, actor, slugs, ct);
        var instanceId = await runtime.DispatchAsync(DefinitionId, new StartRequest
        {
            CorrelationId = CorrelationOf(incident.Id),
            Input = new Dictionary<string, object?>(StringComparer.Ordinal) { ["IncidentId"] = incident.Id.ToString() },
        }, ct);
        await store.SetWorkflowAsync(incident.Id, instanceId, ct);
        return incident with { WorkflowInstanceId = instanceId };
    }

    /// <summary>Stores the postmortem and resumes the waiting workflow, which sends it; false when the incident has
    /// one already or is closed.</summary>
    public async Task<bool> SubmitPostmortemAsync(Guid id, string document, CancellationToken ct)
    {
        if (!await store.SetPostmortemAsync(id, document, ct))
        {
            return false;
        }

        await runtime.PublishEventAsync(PostmortemEvent, CorrelationOf(id), new Dictionary<string, object?> { ["incidentId"] = id.ToString() }, ct);
        return true;
    }
}
