namespace Failkit.Management.Reports;

/// <summary>A report accepted from an agent, with the tenant taken from its certificate.</summary>
public sealed record ReceivedReport(Guid TenantId, string TenantSlug, string CertificateSerial, DateTimeOffset ReceivedAt, AgentMetadataReport Report);

/// <summary>Where accepted agent reports go. The tenant plane's intake (recovery points) replaces the default
/// database log once it exists; the management plane never needs more than this one call.</summary>
public interface IRecoveryPointSink
{
    Task AcceptAsync(ReceivedReport received, CancellationToken ct);
}
