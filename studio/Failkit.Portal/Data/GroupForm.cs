using Failkit.Drills;
using Failkit.Drills.Cloud;

namespace Failkit.Portal.Data;

/// <summary>The protection group form's state. It holds what the user typed, unchecked: the rules live in
/// <see cref="ProtectionGroupChanges"/>, which answers with errors by field.</summary>
public sealed class GroupForm
{
    public string Name { get; set; } = "";

    public Guid? CloudAccountId { get; set; }

    public int RtoTargetMinutes { get; set; } = 60;

    public int RpoTargetMinutes { get; set; } = 15;

    public string? RunbookDefinitionId { get; set; }

    /// <summary>Kept as it was: the schedules page edits it (and its time zone).</summary>
    public string? Schedule { get; set; }

    public string? ScheduleTimeZone { get; set; }

    public List<VmForm> Vms { get; } = [];

    /// <summary>The waves in use, in order, plus one empty wave to drop a VM into.</summary>
    public IEnumerable<int> Waves => Enumerable.Range(1, Vms.Count == 0 ? 1 : Vms.Max(v => v.Wave) + 1);

    public static GroupForm From(ProtectionGroup group)
    {
        ArgumentNullException.ThrowIfNull(group);
        var form = new GroupForm
        {
            Name = group.Name,
            CloudAccountId = group.CloudAccountId,
            RtoTargetMinutes = group.RtoTargetMinutes,
            RpoTargetMinutes = group.RpoTargetMinutes,
            RunbookDefinitionId = group.RunbookDefinitionId,
            Schedule = group.Schedule,
            ScheduleTimeZone = group.ScheduleTimeZone,
        };
        form.Vms.AddRange(group.Vms.Select(VmForm.From));
        return form;
    }

    public ProtectionGroupInput ToInput(IReadOnlyDictionary<string, long> diskSizes) => new(
        Name.Trim(),
        CloudAccountId ?? Guid.Empty,
        RtoTargetMinutes,
        RpoTargetMinutes,
        string.IsNullOrWhiteSpace(RunbookDefinitionId) ? null : RunbookDefinitionId.Trim(),
        Schedule,
        [.. Vms.Select(v => v.ToVm(diskSizes))],
        ScheduleTimeZone);

    /// <summary>Moves a VM to another wave and closes any gap, so waves stay numbered 1, 2, 3... in order.</summary>
    public void MoveToWave(VmForm vm, int wave)
    {
        ArgumentNullException.ThrowIfNull(vm);
        vm.Wave = Math.Max(1, wave);
        var used = Vms.Select(v => v.Wave).Distinct().Order().ToList();
        foreach (var v in Vms)
        {
            v.Wave = used.IndexOf(v.Wave) + 1;
        }
    }
}

/// <summary>One VM of the form: a name, a size class, the agent-reported disks it boots from, and its probes.</summary>
public sealed class VmForm
{
    public string Name { get; set; } = "";

    public int Wave { get; set; } = 1;

    public string Size { get; set; } = "";

    public IReadOnlyCollection<string> Disks { get; set; } = [];

    public List<ProbeForm> Probes { get; } = [];

    public static VmForm From(ProtectedVm vm)
    {
        ArgumentNullException.ThrowIfNull(vm);
        var form = new VmForm { Name = vm.Name, Wave = vm.Wave, Size = vm.Size, Disks = [.. vm.Disks.Select(d => d.Name)] };
        form.Probes.AddRange(vm.Probes.Select(p => new ProbeForm
        {
            Name = p.Name, Kind = p.Kind, Url = p.Url, Port = p.Port, Script = p.Script, ExpectedBody = p.ExpectedBody,
        }));
        return form;
    }

    /// <param name="diskSizes">The reported size of each disk; a disk the agent stopped reporting keeps 1 byte, which
    /// the rules accept, so an old group can still be saved.</param>
    public ProtectedVm ToVm(IReadOnlyDictionary<string, long> diskSizes)
    {
        ArgumentNullException.ThrowIfNull(diskSizes);
        return new(Name.Trim(), Wave, Size.Trim(), [.. Disks.Select(d => new VmDisk(d, Math.Max(1, diskSizes.GetValueOrDefault(d))))],
            [.. Probes.Select(p => p.ToSpec())]);
    }
}

public sealed class ProbeForm
{
    public string Name { get; set; } = "";

    public ProbeKind Kind { get; set; } = ProbeKind.Http;

    public string? Url { get; set; } = "http://{address}/";

    public int? Port { get; set; }

    public string? Script { get; set; }

    public string? ExpectedBody { get; set; }

    public ProbeSpec ToSpec() => Kind switch
    {
        ProbeKind.Http => new ProbeSpec(Name.Trim(), Kind, Url: Url, ExpectedBody: string.IsNullOrWhiteSpace(ExpectedBody) ? null : ExpectedBody),
        ProbeKind.Tcp => new ProbeSpec(Name.Trim(), Kind, Port: Port),
        _ => new ProbeSpec(Name.Trim(), Kind, Script: Script),
    };
}
