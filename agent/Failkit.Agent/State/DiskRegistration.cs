namespace Failkit.Agent.State;

/// <summary>What `protect` registered for one disk. Secrets are never stored here; they come from the environment.</summary>
public sealed record DiskRegistration
{
    public required string Name { get; init; }

    public required string Disk { get; init; }

    public required string Target { get; init; }

    public string? Endpoint { get; init; }

    public string? Region { get; init; }

    public required string Kms { get; init; }

    public string? KmsEndpoint { get; init; }

    public string? KmsRegion { get; init; }

    public int BlockSize { get; init; } = 1024 * 1024;

    public int Concurrency { get; init; } = 4;

    public double? BandwidthMbps { get; init; }

    public int Retries { get; init; } = 5;
}
