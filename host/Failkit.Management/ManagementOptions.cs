namespace Failkit.Management;

/// <summary>Settings of the management plane's registry, tokens and internal CA.</summary>
public sealed class ManagementOptions
{
    /// <summary>Connection string of the management database.</summary>
    public string ConnectionString { get; set; } = "";

    /// <summary>Where Data Protection keeps its key ring (embedded mode). Null leaves Data Protection to the host,
    /// which in production persists the ring elsewhere and wraps it with a KMS key.</summary>
    public string? KeyRingDirectory { get; set; }

    /// <summary>Applies the <c>management</c> schema migrations before the first database use.</summary>
    public bool MigrateOnStartup { get; set; } = true;

    /// <summary>Lifetime of a bootstrap token (the security page promises 5 minutes).</summary>
    public TimeSpan BootstrapTokenLifetime { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Validity of an agent client certificate.</summary>
    public TimeSpan AgentCertificateLifetime { get; set; } = TimeSpan.FromDays(365);

    /// <summary>Validity of the root certificate created on first use.</summary>
    public TimeSpan RootCertificateLifetime { get; set; } = TimeSpan.FromDays(3650);
}
