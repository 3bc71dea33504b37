using k8s.Models;

namespace Failkit.Orchestration;

/// <summary>Everything one tenant gets in Kubernetes, in the order it is applied.</summary>
public sealed record TenantManifests(
    V1Namespace Namespace,
    V1ServiceAccount ServiceAccount,
    V1Secret Secret,
    V1NetworkPolicy NetworkPolicy,
    V1Deployment Deployment,
    V1Service Service)
{
    /// <summary>Inside the cluster, where the gateway reaches the tenant's Service.</summary>
    public required Uri Endpoint { get; init; }

    public string NamespaceName => Namespace.Metadata.Name;
}
