namespace Failkit.Drills;

public sealed class DrillsOptions
{
    /// <summary>How often due schedules are looked for.</summary>
    public TimeSpan SchedulerInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How often the runbook's waiting steps look at the cloud again (boot signals, probes); passed to the
    /// runbook as its PollInterval input.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How often running drills are checked for a runbook that ended without compiling its result.</summary>
    public TimeSpan SupervisorInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The built-in definition that cleans up, verifies and compiles a drill whose runbook faulted, was
    /// cancelled by the engine, or ended without doing so itself.</summary>
    public string CleanupDefinitionId { get; set; } = "drill-cleanup";
}
