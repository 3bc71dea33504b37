using System.Collections.Concurrent;

namespace Failkit.CloudFakes.Aws;

/// <summary>State of the fake AWS account. Tests read it to assert what the provider did; mutate it only through
/// <see cref="AwsFake"/>.</summary>
public abstract class AwsFakeResource
{
    public required string Id { get; init; }

    public Dictionary<string, string> Tags { get; } = new(StringComparer.Ordinal);
}

public sealed class FakeInstance : AwsFakeResource
{
    public required string ReservationId { get; init; }

    public required string ImageId { get; init; }

    public required string InstanceType { get; init; }

    public required string SubnetId { get; init; }

    public required IReadOnlyList<string> SecurityGroups { get; init; }

    public required string PrivateAddress { get; init; }

    public required string NetworkInterfaceId { get; init; }

    public string? ClientToken { get; init; }

    public bool AssociatePublicIp { get; init; }

    public string? MetadataHttpTokens { get; init; }

    public string? InstanceProfile { get; init; }

    public string State { get; internal set; } = "pending";

    public List<string> VolumeIds { get; } = [];

    internal int StatePolls { get; set; }

    internal int StatusPolls { get; set; }
}

public sealed class FakeVolume : AwsFakeResource
{
    public string? SnapshotId { get; init; }

    public long SizeGiB { get; init; }

    public string State { get; internal set; } = "in-use";

    public string? AttachedTo { get; internal set; }

    public string? Device { get; init; }

    public bool DeleteOnTermination { get; init; }
}

public sealed class FakeSnapshot : AwsFakeResource
{
    public long VolumeSizeGiB { get; init; }

    public string? ClientToken { get; init; }

    public string? Description { get; init; }

    /// <summary>pending, completed or error, as EC2 DescribeSnapshots reports it.</summary>
    public string State { get; internal set; } = "pending";

    /// <summary>The EBS direct API's view: written blocks by index, exactly the bytes received.</summary>
    public ConcurrentDictionary<long, byte[]> Blocks { get; } = new();

    internal bool CompletionRequested { get; set; }

    internal int CompletionPolls { get; set; }
}

public sealed class FakeImage : AwsFakeResource
{
    public required string Name { get; init; }

    public required string RootDeviceName { get; init; }

    public required string RootSnapshotId { get; init; }

    public string Architecture { get; init; } = "x86_64";

    public string State { get; internal set; } = "available";
}

public sealed class FakeNetworkInterface : AwsFakeResource
{
    public required string SubnetId { get; init; }

    public required string PrivateAddress { get; init; }

    public string Status { get; internal set; } = "in-use";

    public string? AttachedTo { get; internal set; }
}

public sealed class FakeAddress : AwsFakeResource
{
    public required string PublicIp { get; init; }
}

/// <summary>One SSM Run Command invocation, with the script the provider sent.</summary>
public sealed record FakeCommand(string CommandId, string InstanceId, string DocumentName, string Script, int ExitCode, string Output)
{
    internal int Polls { get; set; }
}

/// <summary>An error the fake answers with, in the envelope of the service that was called.</summary>
public sealed class AwsFakeException(int status, string code, string message) : Exception(message)
{
    public int Status { get; } = status;

    public string Code { get; } = code;
}
