namespace Failkit.Drills.Cloud;

/// <summary>The clouds a drill can boot replicas in. Sim is the built-in simulated cloud.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<CloudKind>))]
public enum CloudKind
{
    Sim,
    Aws,
    Azure,
    Gcp,
}
