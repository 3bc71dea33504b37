using Failkit.Tenancy;
using k8s.Models;

namespace Failkit.Orchestration;

/// <summary>Renders a tenant's Kubernetes objects. Pure: no I/O, so tests assert exactly what would be applied.
/// Every object lives in the tenant's own namespace and carries the slug in its name; nothing is shared.</summary>
public static class KubernetesManifests
{
    public const string SecretKey = "connection-string";
    public const string TenantLabel = "failkit.io/tenant";
    public const string RoleLabel = "failkit.io/role";
    private const string Http = "http";

    public static TenantManifests Render(TenantWorkload tenant, KubernetesOrchestratorOptions options)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        ArgumentNullException.ThrowIfNull(options);
        var slug = TenantSlug.Parse(tenant.Slug).Value;
        var ns = options.NamespacePrefix + slug;
        var name = $"failkit-{slug}";
        var labels = new Dictionary<string, string>
        {
            ["app.kubernetes.io/name"] = "failkit-tenant-plane",
            ["app.kubernetes.io/instance"] = name,
            ["app.kubernetes.io/managed-by"] = "failkit",
            [TenantLabel] = slug,
        };

        var service = Service(name, ns, labels);
        return new TenantManifests(
            Namespace(ns, slug),
            new V1ServiceAccount
            {
                Metadata = Meta(name, ns, labels),
                // The plane never calls the Kubernetes API, so its pods get no token to steal.
                AutomountServiceAccountToken = false,
            },
            new V1Secret
            {
                Metadata = Meta($"{name}-db", ns, labels),
                Type = "Opaque",
                StringData = tenant.HostSettings.ToDictionary(kv => TenantWorkload.EnvironmentName(kv.Key), kv => kv.Value)
                    .Append(new KeyValuePair<string, string>(SecretKey, tenant.ConnectionString)).ToDictionary(),
            },
            NetworkPolicy($"{name}-isolation", ns, labels, options),
            KubernetesDeployment.Render(tenant, name, ns, labels, options),
            service)
        {
            Endpoint = new Uri($"http://{name}.{ns}.svc.{options.ClusterDomain}/"),
        };
    }

    internal static V1ObjectMeta Meta(string name, string ns, IDictionary<string, string> labels) =>
        new() { Name = name, NamespaceProperty = ns, Labels = new Dictionary<string, string>(labels) };

    private static V1Namespace Namespace(string ns, string slug) => new()
    {
        Metadata = new V1ObjectMeta
        {
            Name = ns,
            Labels = new Dictionary<string, string>
            {
                ["app.kubernetes.io/managed-by"] = "failkit",
                [TenantLabel] = slug,
                // A tenant namespace can never match the gateway's selector.
                [RoleLabel] = "tenant",
                ["pod-security.kubernetes.io/enforce"] = "restricted",
            },
        },
    };

    private static V1NetworkPolicy NetworkPolicy(
        string name, string ns, IDictionary<string, string> labels, KubernetesOrchestratorOptions options) => new()
    {
        Metadata = Meta(name, ns, labels),
        Spec = new V1NetworkPolicySpec
        {
            // Every pod of the namespace; Ingress only, so anything not allowed below is denied.
            PodSelector = new V1LabelSelector(),
            PolicyTypes = ["Ingress"],
            Ingress =
            [
                new V1NetworkPolicyIngressRule
                {
                    FromProperty =
                    [
                        new V1NetworkPolicyPeer
                        {
                            NamespaceSelector = new V1LabelSelector
                            {
                                // Both labels: the role label says what it is, and the name label is set by the API
                                // server itself, so nobody can make another namespace look like the gateway's.
                                MatchLabels = new Dictionary<string, string>
                                {
                                    [options.GatewayNamespaceLabel.Key] = options.GatewayNamespaceLabel.Value,
                                    ["kubernetes.io/metadata.name"] = options.GatewayNamespace,
                                },
                            },
                        },
                        // The tenant's own namespace (a peer with only a podSelector never leaves it).
                        new V1NetworkPolicyPeer { PodSelector = new V1LabelSelector() },
                    ],
                    Ports = [new V1NetworkPolicyPort { Port = Http, Protocol = "TCP" }],
                },
            ],
        },
    };

    private static V1Service Service(string name, string ns, IDictionary<string, string> labels) => new()
    {
        Metadata = Meta(name, ns, labels),
        Spec = new V1ServiceSpec
        {
            Type = "ClusterIP",
            Selector = new Dictionary<string, string>(labels),
            Ports = [new V1ServicePort { Name = Http, Port = 80, TargetPort = Http, Protocol = "TCP" }],
        },
    };
}
