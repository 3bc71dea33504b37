using System.Text.Json.Nodes;

namespace Failkit.CloudFakes.Gcp;

/// <summary>What the fake answers: a status and a JSON body (or none), plus an optional Retry-After in seconds.</summary>
public sealed record FakeReply(int Status, JsonNode? Body, int? RetryAfterSeconds = null)
{
    public static FakeReply Ok(JsonNode body) => new(200, body);
}

public sealed class FakeGceImage
{
    public required string Name { get; init; }

    public required string Source { get; init; }

    public required byte[] RawDisk { get; init; }

    public required Dictionary<string, string> Labels { get; init; }

    public string Status { get; set; } = "PENDING";
}

public sealed class FakeGceDisk
{
    public required string Zone { get; init; }

    public required string Name { get; init; }

    public required string SourceImage { get; init; }

    public required Dictionary<string, string> Labels { get; init; }

    public List<string> Users { get; } = [];
}

public sealed class FakeGceInstance
{
    public required string Zone { get; init; }

    public required string Name { get; init; }

    public required long Id { get; init; }

    public required string MachineType { get; init; }

    public required string Network { get; init; }

    public required string Subnetwork { get; init; }

    public required string NetworkIp { get; init; }

    public required Dictionary<string, string> Labels { get; init; }

    public required List<(string DiskName, bool Boot, bool AutoDelete)> Disks { get; init; }

    public required JsonNode? Metadata { get; init; }

    public required JsonNode? Tags { get; init; }

    /// <summary>instances.get calls so far: the fake walks PROVISIONING → STAGING → RUNNING on them.</summary>
    public int Polls { get; set; }

    public bool Running { get; set; }
}

/// <summary>A labelled resource the drill does not create itself (snapshots, reserved addresses), seeded by a test so
/// the sweep has every kind to find.</summary>
public sealed record FakeGceLabelled(string Scope, string Name, Dictionary<string, string> Labels);
