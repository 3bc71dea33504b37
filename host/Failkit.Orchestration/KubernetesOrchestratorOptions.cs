namespace Failkit.Orchestration;

public sealed class KubernetesOrchestratorOptions
{
    /// <summary>Every tenant namespace is this prefix plus the slug.</summary>
    public string NamespacePrefix { get; set; } = "failkit-t-";

    /// <summary>The host image; a workload's own image wins.</summary>
    public string Image { get; set; } = "ghcr.io/failkit/failkit-host:latest";

    /// <summary>The namespace the gateway runs in: the only other namespace allowed to reach a tenant's pods.</summary>
    public string GatewayNamespace { get; set; } = "failkit-system";

    /// <summary>The label the gateway's namespace carries (and tenant namespaces never do).</summary>
    public KeyValuePair<string, string> GatewayNamespaceLabel { get; set; } = new("failkit.io/role", "gateway");

    public int Replicas { get; set; } = 1;

    public int ContainerPort { get; set; } = 8080;

    /// <summary>The non-root user of the .NET container images (<c>APP_UID</c>).</summary>
    public long RunAsUser { get; set; } = 1654;

    public string CpuRequest { get; set; } = "100m";

    public string CpuLimit { get; set; } = "1";

    public string MemoryRequest { get; set; } = "256Mi";

    public string MemoryLimit { get; set; } = "1Gi";

    public string ClusterDomain { get; set; } = "cluster.local";
}
