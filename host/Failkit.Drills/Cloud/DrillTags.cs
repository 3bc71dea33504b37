namespace Failkit.Drills.Cloud;

/// <summary>The tag every drill resource carries. The key and value are valid on all three clouds (GCP labels allow
/// only lowercase letters, digits, '-' and '_'), so one sweep rule works everywhere.</summary>
public static class DrillTags
{
    public const string Key = "failkit-drill";

    /// <summary>The VM a resource belongs to (a deterministic name helps a human reading the console).</summary>
    public const string VmKey = "failkit-vm";

    public static string ValueFor(Guid drillId) => drillId.ToString("n");
}
