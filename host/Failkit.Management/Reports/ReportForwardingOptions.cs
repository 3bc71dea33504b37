namespace Failkit.Management.Reports;

/// <summary>How reports are forwarded to tenant planes.</summary>
public sealed class ReportForwardingOptions
{
    /// <summary>The management secret plane keys derive from. Null: the host registers its own
    /// <see cref="IPlaneKeyProvider"/>.</summary>
    public byte[]? ManagementSecret { get; set; }

    /// <summary>Tries per forward before the row is left to the re-forwarder.</summary>
    public int Attempts { get; set; } = 3;

    /// <summary>Wait before the second try; it doubles before each further one.</summary>
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Timeout of one request to a tenant plane.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How often the re-forwarder looks for reports not yet delivered.</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>At most this many reports per sweep.</summary>
    public int SweepBatch { get; set; } = 200;
}
