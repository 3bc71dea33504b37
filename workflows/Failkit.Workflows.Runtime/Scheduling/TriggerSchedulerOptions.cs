namespace Failkit.Workflows.Runtime.Scheduling;

/// <summary>Where Quartz keeps its triggers. With a connection string it uses the clustered PostgreSQL job store,
/// so every replica shares the schedule and each occurrence fires once; without one it keeps them in memory.</summary>
public sealed class TriggerSchedulerOptions
{
    public string? ConnectionString { get; set; }

    /// <summary>Identifies this replica in the Quartz cluster; unique per process.</summary>
    public string InstanceId { get; set; } = Environment.MachineName + "-" + Environment.ProcessId + "-" + Guid.NewGuid().ToString("N")[..6];

    /// <summary>Create Quartz's tables when they are missing. Off for a role that may not create tables (a tenant
    /// plane's application role); the schema's owner creates them beforehand (Persistence's QuartzSchema).</summary>
    public bool ProvisionSchema { get; set; } = true;

    public TimeSpan ClusterCheckinInterval { get; set; } = TimeSpan.FromSeconds(5);
}
