using Failkit.Management.Tenants;
using Failkit.Workflows.Core;
using Failkit.Workflows.Runtime;
using Failkit.Workflows.Runtime.Stores;

namespace Failkit.Management.Onboarding;

/// <summary>One step of an onboarding as the journal has it.</summary>
public sealed record OnboardingStep(string ActivityId, string? Name, string Type, string Status, DateTimeOffset? CompletedAt);

/// <summary>Where an onboarding is: the workflow instance's status and the steps it has run.</summary>
public sealed record OnboardingProgress(string InstanceId, string Status, string SubStatus, IReadOnlyList<OnboardingStep> Steps, string? Fault);

/// <summary>Starts the <c>tenant-onboarding</c> workflow for a registered tenant and reads its progress back. The
/// workflow's activities (activities/Failkit.Activities.Tenancy) do the work; this class only dispatches.</summary>
public sealed class TenantOnboarding(WorkflowRuntime runtime, IWorkflowInstanceStore instances, TenantRegistry registry)
{
    public const string DefinitionId = "tenant-onboarding";

    /// <summary>Dispatches the onboarding (a worker runs it) and records the instance on the tenant.</summary>
    public async Task<string> StartAsync(Tenant tenant, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        var instanceId = await runtime.DispatchAsync(DefinitionId, new StartRequest
        {
            CorrelationId = "tenant:" + tenant.Slug,
            Input = new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["Slug"] = tenant.Slug,
                ["Tier"] = tenant.Tier.ToString(),
                ["ContactEmail"] = tenant.ContactEmail,
            },
        }, ct);
        await registry.SetOnboardingInstanceAsync(tenant.Id, instanceId, ct);
        return instanceId;
    }

    public async Task<OnboardingProgress?> ProgressAsync(string instanceId, CancellationToken ct = default)
    {
        if (await runtime.GetAsync(instanceId, ct) is not { } state)
        {
            return null;
        }

        var steps = (await instances.GetJournalAsync(instanceId, ct))
            .Where(r => !r.ActivityType.StartsWith("Elsa.", StringComparison.Ordinal))
            .Select(r => new OnboardingStep(r.ActivityId, r.ActivityName, r.ActivityType, r.Status.ToString(), r.CompletedAt))
            .ToList();
        var fault = state.Fault ?? state.Incidents.LastOrDefault()?.Message;
        return new OnboardingProgress(state.Id, state.Status.ToString(), state.SubStatus.ToString(), steps, fault);
    }

    /// <summary>Waits until the onboarding instance is no longer running (tests and <c>failkit up</c>).</summary>
    public async Task<OnboardingProgress?> WaitAsync(string instanceId, TimeSpan timeout, CancellationToken ct = default)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        cts.CancelAfter(timeout);
        while (true)
        {
            var progress = await ProgressAsync(instanceId, cts.Token);
            if (progress is not null && (progress.Status != nameof(WorkflowStatus.Running) || progress.SubStatus == nameof(WorkflowSubStatus.Faulted)))
            {
                return progress;
            }

            await Task.Delay(100, cts.Token);
        }
    }
}
