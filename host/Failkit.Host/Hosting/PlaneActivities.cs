using Failkit.Activities.Incidents;
using Failkit.Activities.Tenancy;
using Failkit.Workflows.Runtime;

namespace Failkit.Host.Hosting;

/// <summary>Which of the activity assemblies next to the host each role scans. Both roles ship in one binary, so the
/// scan finds every assembly; the tenant plane leaves out the management plane's onboarding steps (category
/// Tenancy) and incident steps (category Incidents): their services exist only in the management role, and the
/// tenant's designer must not offer them.</summary>
public static class PlaneActivities
{
    public static readonly string ManagementOnly = typeof(CreateTenantDatabase).Assembly.GetName().Name!;

    public static readonly string IncidentsOnly = typeof(RunIncidentTimeline).Assembly.GetName().Name!;

    public static WorkflowsBuilder ForRole(this WorkflowsBuilder workflows, bool management)
    {
        ArgumentNullException.ThrowIfNull(workflows);
        return management ? workflows : workflows.ExcludeActivitiesFrom(ManagementOnly).ExcludeActivitiesFrom(IncidentsOnly);
    }
}
