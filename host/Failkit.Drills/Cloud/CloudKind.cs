namespace Failkit.Drills.Cloud;

/// <summary>The clouds a drill can boot replicas in. Sim is the built-in simulated cloud.</summary>
public enum CloudKind
{
    Sim,
    Aws,
    Azure,
    Gcp,
}
