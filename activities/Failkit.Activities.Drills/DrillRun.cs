using Failkit.Drills;
using Failkit.Drills.Cloud;
using Failkit.Workflows.Core;

namespace Failkit.Activities.Drills;

/// <summary>What every drill activity loads first: the drill (fresh, so a cancel request is seen), its group, its
/// cloud account with the secret opened, and the provider for that cloud.</summary>
internal sealed class DrillRun
{
    private DrillRun(Drill drill, ProtectionGroup group, CloudAccount account, ICloudProvider provider, DrillStore store)
    {
        Drill = drill;
        Group = group;
        Account = account;
        Provider = provider;
        Store = store;
    }

    public Drill Drill { get; }

    public ProtectionGroup Group { get; }

    public CloudAccount Account { get; }

    public ICloudProvider Provider { get; }

    public DrillStore Store { get; }

    public bool CancelRequested => Drill.CancelRequestedAt is not null;

    public string Tag => DrillTags.ValueFor(Drill.Id);

    /// <summary>The drill id comes from the activity's input when set, else from the workflow input <c>DrillId</c>
    /// that <c>POST /api/drills</c> passes.</summary>
    public static Guid DrillIdOf(ActivityExecutionContext context, Input<string> input)
    {
        var text = context.Get(input);
        if (string.IsNullOrWhiteSpace(text) && context.WorkflowInput.TryGetValue(DrillLauncher.DrillIdInput, out var value))
        {
            text = value?.ToString();
        }

        return Guid.TryParse(text, out var id)
            ? id
            : throw new WorkflowFaultException("DRILL_ID_MISSING", "The activity has no drill id: start the runbook through POST /api/drills, or set its Drill id input.");
    }

    public static async Task<DrillRun> LoadAsync(ActivityExecutionContext context, Input<string> drillIdInput)
    {
        var id = DrillIdOf(context, drillIdInput);
        var ct = context.CancellationToken;
        var store = context.GetRequiredService<DrillStore>();
        var drill = await store.FindAsync(id, ct) ?? throw new WorkflowFaultException("DRILL_NOT_FOUND", $"Drill {id} does not exist.");
        var group = await context.GetRequiredService<ProtectionGroupStore>().FindAsync(drill.GroupId, ct)
            ?? throw new WorkflowFaultException("GROUP_NOT_FOUND", $"The protection group of drill {id} no longer exists.");
        var account = await context.GetRequiredService<CloudAccountStore>().OpenAsync(group.CloudAccountId, ct)
            ?? throw new WorkflowFaultException("ACCOUNT_NOT_FOUND", $"The cloud account of '{group.Name}' no longer exists.");
        var provider = context.GetRequiredService<CloudProviders>().For(account.Kind);
        return new DrillRun(drill, group, account, provider, store);
    }

    /// <summary>The VMs a step works on: one VM by name, else one wave (0 = every wave).</summary>
    public IReadOnlyList<(ProtectedVm Config, DrillVm State)> Select(int wave, string? vm) =>
        Group.Vms
            .Where(c => string.IsNullOrEmpty(vm) ? wave <= 0 || c.Wave == wave : c.Name == vm)
            .Select(c => (c, Drill.Vms.FirstOrDefault(s => s.Name == c.Name)))
            .Where(p => p.Item2 is not null)
            .Select(p => (p.c, p.Item2!))
            .ToList();

    /// <summary>Tags for everything the drill creates: the account's own, then the drill and VM tags (which win).</summary>
    public IReadOnlyDictionary<string, string> TagsFor(string vm)
    {
        var tags = new Dictionary<string, string>(Account.Tags, StringComparer.Ordinal)
        {
            [DrillTags.Key] = Tag,
            [DrillTags.VmKey] = vm,
        };
        return tags;
    }

    /// <summary>Marks the selected VMs that have not finished as cancelled; used by every step once a cancel arrived.</summary>
    public async Task CancelPendingAsync(IEnumerable<DrillVm> vms, CancellationToken ct)
    {
        await Store.UpdateVmsAsync(Drill.Id, [.. vms.Where(v => !VmStatus.IsFinal(v.Status))
            .Select(v => (v.Name, new VmProgress(Status: VmStatus.Cancelled, Error: "cancelled before it finished")))], ct);
    }
}
