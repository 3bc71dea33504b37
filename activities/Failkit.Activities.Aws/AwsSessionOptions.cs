namespace Failkit.Activities.Aws;

/// <summary>How patiently a session waits for AWS. The defaults suit real AWS; tests shorten them.</summary>
public sealed record AwsSessionOptions
{
    /// <summary>Between looks at a snapshot, an instance being terminated, or a run-command invocation.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>EBS finishes a snapshot asynchronously after CompleteSnapshot; large disks take minutes.</summary>
    public TimeSpan SnapshotTimeout { get; init; } = TimeSpan.FromMinutes(60);

    public TimeSpan TerminationTimeout { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>One script probe attempt, from SendCommand to a final invocation status.</summary>
    public TimeSpan ScriptTimeout { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>PutSnapshotBlock calls in flight per hydrate (each also holds a slot of the account's cap).</summary>
    public int BlockUploadParallelism { get; init; } = 8;
}
