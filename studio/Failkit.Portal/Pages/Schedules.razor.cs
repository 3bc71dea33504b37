using System.Globalization;
using Failkit.Drills;
using Failkit.Identity;
using Failkit.Portal.Data;
using MudBlazor;

namespace Failkit.Portal.Pages;

/// <summary>A schedule is part of its group: saving goes through <see cref="ProtectionGroupChanges"/> like the group
/// form and <c>PUT /api/protection-groups/{id}</c>, with the same policy, rules and audit event.</summary>
public sealed partial class Schedules
{
    private IReadOnlyList<ProtectionGroup>? _groups;
    private ProtectionGroup? _editing;
    private IReadOnlyDictionary<string, string[]> _errors = new Dictionary<string, string[]>();
    private string? _cronText;
    private string? _zoneText;
    private bool _canManage;
    private bool _saving;

    private string? CronText
    {
        get => _cronText;
        set
        {
            _cronText = value;
            _errors = new Dictionary<string, string[]>();
        }
    }

    private string? ZoneText
    {
        get => _zoneText;
        set
        {
            _zoneText = value;
            _errors = new Dictionary<string, string[]>();
        }
    }

    private string? ZoneId => string.IsNullOrWhiteSpace(_zoneText) ? null : _zoneText.Trim();

    private string? ZoneError => ZoneId is { } id && !DrillSchedule.TryFindZone(id, out _, out var error) ? error : null;

    private TimeZoneInfo Zone => ZoneId is { } id && DrillSchedule.TryFindZone(id, out var zone, out _) ? zone! : TimeZoneInfo.Utc;

    private CronPreview Preview => CronPreview.Of(_cronText, Zone, Time.GetUtcNow());

    protected override async Task OnInitializedAsync()
    {
        await Me.LoadAsync();
        _canManage = await Me.AllowedAsync(Policies.Manage);
        _groups = await Groups.ListAsync(CancellationToken.None);
    }

    private bool Has(string field) => _errors.ContainsKey(field);

    private string? Error(string field) => _errors.TryGetValue(field, out var messages) ? string.Join(" ", messages) : null;

    private string Describe(ProtectionGroup group)
    {
        if (group.Schedule is null)
        {
            return "not scheduled";
        }

        var zone = group.ScheduleTimeZone is { } id && DrillSchedule.TryFindZone(id, out var found, out _) ? found! : TimeZoneInfo.Utc;
        return CronPreview.Of(group.Schedule, zone, Time.GetUtcNow(), 0).Text ?? group.Schedule;
    }

    private string Local(DateTimeOffset at)
    {
        var local = TimeZoneInfo.ConvertTime(at, Zone);
        return Zone == TimeZoneInfo.Utc
            ? local.ToString("ddd yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture)
            : local.ToString("ddd yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + $" {Zone.Id} ({Format.Time(at)})";
    }

    private void Edit(ProtectionGroup group)
    {
        _editing = group;
        _cronText = group.Schedule;
        _zoneText = group.ScheduleTimeZone;
        _errors = new Dictionary<string, string[]>();
    }

    private async Task SaveAsync(string? cron)
    {
        var group = _editing!;
        _saving = true;
        try
        {
            await Me.DemandAsync(Policies.Manage);
            var schedule = string.IsNullOrWhiteSpace(cron) ? null : cron.Trim();
            var input = new ProtectionGroupInput(group.Name, group.CloudAccountId, group.RtoTargetMinutes, group.RpoTargetMinutes, group.RunbookDefinitionId,
                schedule, group.Vms, schedule is null ? null : ZoneId);
            var result = await Changes.UpdateAsync(group.Id, input, Audit.Group(Me.Principal, ProtectionGroupEndpoints.GroupUpdated), CancellationToken.None);
            if (result is null)
            {
                Snackbar.Add($"{group.Name} was deleted meanwhile.", Severity.Warning);
                _editing = null;
            }
            else if (result.Item is { } saved)
            {
                Snackbar.Add(saved.Schedule is null ? $"{saved.Name} is no longer scheduled." : $"Saved the schedule of {saved.Name}.", Severity.Success);
                _editing = saved;
                _cronText = saved.Schedule;
                _groups = await Groups.ListAsync(CancellationToken.None);
            }
            else
            {
                _errors = result.Errors;
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
