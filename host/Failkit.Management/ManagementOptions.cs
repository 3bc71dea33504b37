namespace Failkit.Management;

/// <summary>Settings of the management plane's registry, tokens and internal CA.</summary>
public sealed class ManagementOptions
{
    /// <summary>Connection string of the management database.</summary>
    public string ConnectionString { get; set; } = "";

    /// <summary>Where Data Protection keeps its key ring (embedded mode). Null leaves Data Protection to the host,
    /// which in production persists the ring elsewhere and wraps it with a KMS key.</summary>
    public string? KeyRingDirectory { get; set; }

    /// <summary>A role that may create roles and databases, connected to a maintenance database: the tenant
    /// databases' provisioner uses it (the cluster's superuser in embedded mode). Null: no onboarding.</summary>
    public string? AdminConnectionString { get; set; }

    /// <summary>The folder under which every tenant gets a Data Protection key ring of its own
    /// (<c>&lt;root&gt;/&lt;slug&gt;</c>); see docs/decisions/management-key-rings.md.</summary>
    public string? TenantKeyRingRoot { get; set; }

    /// <summary>How browsers reach the gateway, e.g. <c>http://localhost:5080</c>; a tenant is at the same scheme
    /// and port under <c>&lt;slug&gt;.&lt;host&gt;</c>.</summary>
    public Uri PublicUrl { get; set; } = new("http://localhost:5080");

    /// <summary>The management plane's direct address, which tenant planes call (never through the gateway).</summary>
    public Uri? InternalUrl { get; set; }

    /// <summary>Configuration every tenant plane gets on top of the contract's keys (log levels and the like; no
    /// secrets meant for one tenant).</summary>
    public IDictionary<string, string> TenantPlaneSettings { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Applies the <c>management</c> schema migrations before the first database use.</summary>
    public bool MigrateOnStartup { get; set; } = true;

    /// <summary>Lifetime of a bootstrap token (the security page promises 5 minutes).</summary>
    public TimeSpan BootstrapTokenLifetime { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Validity of an agent client certificate.</summary>
    public TimeSpan AgentCertificateLifetime { get; set; } = TimeSpan.FromDays(365);

    /// <summary>Validity of the root certificate created on first use.</summary>
    public TimeSpan RootCertificateLifetime { get; set; } = TimeSpan.FromDays(3650);
}
