namespace Failkit.Activities.Drills;

/// <summary>What <see cref="WaitForBootSignal"/> takes as proof that a VM booted.</summary>
public enum BootSignal
{
    /// <summary>The console marker when one is set, else the cloud's status checks.</summary>
    Auto,
    StatusChecks,
    ConsoleMarker,
    InstanceRunning,
}
