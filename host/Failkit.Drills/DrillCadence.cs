namespace Failkit.Drills;

/// <summary>The "drill overdue" rule, shared by the daily cadence check and the portal's badge so both say the same.</summary>
public static class DrillCadence
{
    public const int DefaultDays = 90;

    /// <summary>When the group's last passing drill finished, or null when it never passed.</summary>
    public static DateTimeOffset? LastPass(IEnumerable<Drill> drills) =>
        drills.Where(d => d.Status == DrillStatus.Succeeded && d.FinishedAt is not null).Select(d => d.FinishedAt).Max();

    /// <summary>Overdue: no passing drill, or the last one is older than the cadence.</summary>
    public static bool IsOverdue(DateTimeOffset? lastPass, DateTimeOffset now, TimeSpan cadence) =>
        lastPass is not { } at || now - at > cadence;
}
