namespace Failkit.Drills.Cloud;

/// <summary>One per cloud. Registered in DI as <c>ICloudProvider</c>; drills pick the one whose
/// <see cref="Kind"/> matches the account.</summary>
public interface ICloudProvider
{
    CloudKind Kind { get; }

    /// <summary>Checks the account's settings and secret without calling the cloud; throws
    /// <see cref="CloudConfigurationException"/> naming the missing or malformed field.</summary>
    void Validate(CloudAccount account);

    /// <summary>Opens a session on the account (credentials resolved, clients built). Sessions are cheap enough to
    /// open per activity; the per-account concurrency cap is shared across sessions of the same account.</summary>
    ICloudSession Open(CloudAccount account);
}
