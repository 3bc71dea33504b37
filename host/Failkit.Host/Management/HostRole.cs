namespace Failkit.Host.Management;

/// <summary>Reads <c>Failkit:Role</c>: <c>management</c> or <c>tenant</c> (the default, so a bare host is one tenant plane).</summary>
public static class HostRole
{
    public static bool IsManagement(IConfiguration config) =>
        (config?["Failkit:Role"] ?? "tenant").ToLowerInvariant() switch
        {
            "management" => true,
            "tenant" => false,
            var other => throw new InvalidOperationException($"Failkit:Role must be 'management' or 'tenant', not '{other}'."),
        };
}
