namespace Failkit.Management;

/// <summary>Names the authorization the platform-operator API relies on. The OAuth client-credentials slice issues
/// tokens carrying this role; until it lands, the host (or a test) supplies an authenticated principal with it.</summary>
public static class ManagementAuthorization
{
    public const string PlatformOperatorPolicy = "platform-operator";

    public const string PlatformOperatorRole = "platform-operator";
}
