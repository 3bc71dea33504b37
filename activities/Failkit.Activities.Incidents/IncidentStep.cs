using Failkit.Management.Incidents;
using Failkit.Workflows.Core;

namespace Failkit.Activities.Incidents;

internal static class IncidentStep
{
    /// <summary>The incident of the input, or of the workflow input <c>IncidentId</c> when the input is empty.</summary>
    public static async Task<SecurityIncident> IncidentAsync(ActivityExecutionContext context, Input<string> input)
    {
        var text = context.Get(input) is { Length: > 0 } given ? given : context.WorkflowInput.TryGetValue("IncidentId", out var v) ? v?.ToString() : null;
        if (!Guid.TryParse(text, out var id))
        {
            throw new WorkflowFaultException("incident-id", $"'{text}' is not an incident id.");
        }

        return await context.GetRequiredService<IncidentStore>().GetAsync(id, context.CancellationToken)
            ?? throw new WorkflowFaultException("incident-unknown", $"Incident {id} does not exist.");
    }
}
