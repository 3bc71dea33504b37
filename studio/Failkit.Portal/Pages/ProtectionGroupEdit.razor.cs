using Failkit.Drills;
using Failkit.Identity;
using Failkit.Portal.Data;
using Failkit.Protection;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Failkit.Portal.Pages;

/// <summary>Creates or replaces a group through <see cref="ProtectionGroupChanges"/>, the rules the REST endpoints
/// use; its answer's errors go next to their fields.</summary>
public sealed partial class ProtectionGroupEdit
{
    private GroupForm? _form;
    private WaveBoard? _board;
    private List<CloudAccountView> _accounts = [];
    private IReadOnlyList<ReportedDisk> _disks = [];
    private IReadOnlyDictionary<string, string[]> _errors = new Dictionary<string, string[]>();
    private string _loadedName = "";
    private bool _missing;
    private bool _canManage;
    private bool _saving;

    [Parameter]
    public Guid? Id { get; set; }

    private CloudAccountView? Account => _accounts.FirstOrDefault(a => a.Id == _form?.CloudAccountId);

    /// <summary>The account's size classes, plus any a VM already uses (an account may have dropped one).</summary>
    private IReadOnlyList<string> SizeClasses =>
        [.. (Account?.InstanceTypes.Keys ?? []).Concat(_form?.Vms.Select(v => v.Size) ?? []).Where(s => s.Length > 0).Distinct()];

    protected override async Task OnInitializedAsync()
    {
        await Me.LoadAsync();
        _canManage = await Me.AllowedAsync(Policies.Manage);
        _accounts = [.. await Accounts.ListAsync(CancellationToken.None)];
        _disks = await Points.DisksAsync(CancellationToken.None);
        if (Id is { } id)
        {
            var group = await Groups.FindAsync(id, CancellationToken.None);
            _missing = group is null;
            _form = group is null ? null : GroupForm.From(group);
            _loadedName = group?.Name ?? "";
        }
        else
        {
            _form = new GroupForm { CloudAccountId = _accounts.Count == 1 ? _accounts[0].Id : null };
        }
    }

    private string NetworkText => Account is { Network: var n }
        ? $"drills boot into network {n.Network}, subnet {n.Subnet}{(n.SecurityGroup is { } sg ? $", security group {sg}" : "")} (set on the cloud account)."
        : "choose a cloud account; its isolated drill network is where the VMs boot.";

    private string FirstSize() => SizeClasses is [var first, ..] ? first : "";

    private bool Has(string field) => _errors.ContainsKey(field);

    private string? Error(string field) => _errors.TryGetValue(field, out var messages) ? string.Join(" ", messages) : null;

    private List<string> VmErrors(int index) =>
        [.. (_errors.GetValueOrDefault("vms") ?? []).Where(e => e.StartsWith($"vms[{index}]", StringComparison.Ordinal))];

    private IEnumerable<string> GeneralVmErrors() => (_errors.GetValueOrDefault("vms") ?? []).Where(e => !e.StartsWith("vms[", StringComparison.Ordinal));

    private void AccountChanged(Guid? id)
    {
        _form!.CloudAccountId = id;
        // A new VM gets the account's first size class; the user picks another if it needs one.
        foreach (var vm in _form.Vms.Where(v => v.Size.Length == 0))
        {
            vm.Size = FirstSize();
        }
    }

    private void AddVm()
    {
        // The list changed: the last answer's VM errors no longer point at the right cards.
        _errors = new Dictionary<string, string[]>();
        var vm = new VmForm { Size = FirstSize() };
        _form!.Vms.Add(vm);
        _form.MoveToWave(vm, _form.Vms.Max(v => v.Wave));
        _board?.Refresh();
    }

    private void RemoveVm(VmForm vm)
    {
        _errors = new Dictionary<string, string[]>();
        _form!.Vms.Remove(vm);
        if (_form.Vms.Count > 0)
        {
            _form.MoveToWave(_form.Vms[0], _form.Vms[0].Wave);
        }

        _board?.Refresh();
    }

    private async Task SaveAsync()
    {
        _saving = true;
        try
        {
            await Me.DemandAsync(Policies.Manage);
            var input = _form!.ToInput(_disks.ToDictionary(d => d.Name, d => d.SizeBytes));
            var result = Id is { } id
                ? await Changes.UpdateAsync(id, input, Audit.Group(Me.Principal, ProtectionGroupEndpoints.GroupUpdated), CancellationToken.None)
                : await Changes.CreateAsync(input, Audit.Group(Me.Principal, ProtectionGroupEndpoints.GroupCreated), CancellationToken.None);
            if (result is null)
            {
                Snackbar.Add("This protection group was deleted meanwhile.", Severity.Warning);
                return;
            }

            _errors = result.Errors;
            if (result.Item is { } saved)
            {
                Snackbar.Add($"Saved {saved.Name}.", Severity.Success);
                Nav.NavigateTo($"/protection-groups/{saved.Id}");
                _loadedName = saved.Name;
            }
        }
        catch (UnauthorizedAccessException ex)
        {
            Snackbar.Add(ex.Message, Severity.Error);
        }
        finally
        {
            _saving = false;
        }
    }
}
