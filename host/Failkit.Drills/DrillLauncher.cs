using Failkit.Drills.Cloud;
using Failkit.Protection;
using Failkit.Workflows.Runtime;
using Failkit.Workflows.Runtime.Stores;

namespace Failkit.Drills;

public sealed record StartDrillRequest(
    Guid? ProtectionGroupId,
    string? RunbookDefinitionId = null,
    int? RunbookVersion = null,
    DateTimeOffset? RecoveryPointBefore = null,
    bool? RequireApproval = null,
    int? WaveGapSeconds = null);

/// <summary>Either the started drill's id or what was wrong with the request (field → messages); nothing is started
/// when there are errors.</summary>
public sealed record DrillStartResult(Guid? DrillId, IReadOnlyDictionary<string, string[]> Errors);

/// <summary>Starts drills: checks everything a drill needs before anything is written, then records the drill and
/// dispatches its runbook with the drill id as input and as the instance id (so a retried start is one drill).</summary>
public sealed class DrillLauncher(
    ProtectionGroupStore groups,
    CloudAccountStore accounts,
    CloudProviders providers,
    RecoveryPointQueries points,
    IWorkflowDefinitionStore definitions,
    WorkflowRuntime runtime,
    DrillStore drills,
    DrillsOptions options,
    TimeProvider time)
{
    /// <summary>The workflow input key that carries the drill id to every drill activity.</summary>
    public const string DrillIdInput = "DrillId";

    public async Task<DrillStartResult> StartAsync(StartDrillRequest request, DrillInitiator initiator, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(initiator);
        var errors = new Dictionary<string, string[]>();
        if (request.ProtectionGroupId is not { } groupId || await groups.FindAsync(groupId, ct) is not { } group)
        {
            errors["protectionGroupId"] = [request.ProtectionGroupId is null ? "protectionGroupId is required" : "no protection group has this id"];
            return new DrillStartResult(null, errors);
        }

        if (group.Vms.Count == 0)
        {
            errors["protectionGroupId"] = ["the protection group has no VMs"];
        }

        var simulated = await CheckAccountAsync(group, errors, ct);
        await CheckRecoveryPointsAsync(group, request.RecoveryPointBefore, errors, ct);
        var runbook = await RunbookCheck.ResolveAsync(definitions, request.RunbookDefinitionId ?? group.RunbookDefinitionId, request.RunbookVersion, group, errors, ct);
        if (request.WaveGapSeconds is < 0 or > 3600)
        {
            errors["waveGapSeconds"] = ["waveGapSeconds must be from 0 to 3600"];
        }

        if (errors.Count > 0 || runbook is null)
        {
            return new DrillStartResult(null, errors);
        }

        var now = time.GetUtcNow();
        var id = Guid.CreateVersion7(now);
        var drill = new Drill(id, group.Id, DrillStatus.Running, simulated, initiator, runbook.DefinitionId, runbook.Version, request.RecoveryPointBefore,
            request.RequireApproval ?? false, group.RtoTargetMinutes * 60, group.RpoTargetMinutes * 60, null, null, now, null, null, null, null, null,
            group.Vms.Select(v => new DrillVm(v.Name, v.Wave, VmStatus.Pending, null, null, null, [], new Waterfall(null, null, null, null, null), [], null)).ToList());
        await drills.CreateAsync(drill, ct);
        var instanceId = await runtime.DispatchAsync(runbook.DefinitionId, new StartRequest
        {
            Version = VersionOptions.Exact(runbook.Version),
            InstanceId = id.ToString(),
            CorrelationId = id.ToString(),
            Input = new Dictionary<string, object?>
            {
                [DrillIdInput] = id.ToString(),
                ["RequireApproval"] = drill.RequireApproval,
                ["PollInterval"] = options.PollInterval.ToString("c", System.Globalization.CultureInfo.InvariantCulture),
                ["WaveGap"] = TimeSpan.FromSeconds(request.WaveGapSeconds ?? 0).ToString("c", System.Globalization.CultureInfo.InvariantCulture),
            },
        }, ct);
        await drills.SetWorkflowInstanceAsync(id, instanceId, ct);
        return new DrillStartResult(id, errors);
    }

    private async Task<bool> CheckAccountAsync(ProtectionGroup group, Dictionary<string, string[]> errors, CancellationToken ct)
    {
        if (await accounts.OpenAsync(group.CloudAccountId, ct) is not { } account)
        {
            errors["cloudAccount"] = ["the protection group's cloud account no longer exists"];
            return false;
        }

        try
        {
            providers.For(account.Kind).Validate(account);
        }
        catch (CloudConfigurationException ex)
        {
            errors["cloudAccount"] = [$"the cloud account '{account.Name}' cannot be used: {ex.Message}"];
        }

        return account.Kind == CloudKind.Sim;
    }

    private async Task CheckRecoveryPointsAsync(ProtectionGroup group, DateTimeOffset? before, Dictionary<string, string[]> errors, CancellationToken ct)
    {
        var missing = new List<string>();
        var latest = await points.LatestForDisksAsync([.. group.Vms.SelectMany(v => v.Disks).Select(d => d.Name)], before, ct);
        foreach (var vm in group.Vms)
        {
            foreach (var disk in vm.Disks)
            {
                if (!latest.ContainsKey(disk.Name))
                {
                    missing.Add(before is null ? $"{vm.Name}: disk '{disk.Name}' has no recovery point"
                        : $"{vm.Name}: disk '{disk.Name}' has no recovery point at or before {before:O}");
                }
            }
        }

        if (missing.Count > 0)
        {
            errors["recoveryPoints"] = [.. missing];
        }
    }
}
