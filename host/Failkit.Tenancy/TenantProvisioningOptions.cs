namespace Failkit.Tenancy;

public sealed class TenantProvisioningOptions
{
    /// <summary>Databases every cluster has and that PUBLIC may connect to by default. The provisioner revokes
    /// PUBLIC's CONNECT on them so an application role can reach its own database only (DESIGN, Data). Failkit's
    /// cluster is its own (management database plus tenant databases), so this takes nothing from anyone else;
    /// on a cluster shared with other applications, empty the list and grant CONNECT there per role instead.
    /// <c>template0</c> is not listed: it already refuses all connections.</summary>
    public IList<string> LockDownDatabases { get; } = ["postgres", "template1"];
}
