using k8s;
using k8s.Models;

namespace Failkit.Orchestration.Tests;

public class KubernetesManifestsTests
{
    private const string SecretA = "Host=db;Database=tenant_a;Username=app_a;Password=s3cret-a";
    private const string SecretB = "Host=db;Database=tenant_b;Username=app_b;Password=s3cret-b";
    private static readonly KubernetesOrchestratorOptions Options = new();
    private readonly TenantManifests _a = KubernetesManifests.Render(new TenantWorkload("acme", SecretA), Options);
    private readonly TenantManifests _b = KubernetesManifests.Render(new TenantWorkload("globex", SecretB), Options);

    [Fact]
    public void NetworkPolicy_SelectsEveryPod_AndRestrictsIngress()
    {
        var spec = _a.NetworkPolicy.Spec;
        Assert.Equal("failkit-t-acme", _a.NetworkPolicy.Metadata.NamespaceProperty);
        Assert.Equal(["Ingress"], spec.PolicyTypes);
        Assert.True(spec.PodSelector.MatchLabels is null or { Count: 0 });
        Assert.True(spec.PodSelector.MatchExpressions is null or { Count: 0 });
    }

    [Fact]
    public void NetworkPolicy_AdmitsOnlyTheGatewayNamespaceAndItsOwn()
    {
        var rule = Assert.Single(_a.NetworkPolicy.Spec.Ingress);
        Assert.Equal(2, rule.FromProperty.Count);

        var gateway = Assert.Single(rule.FromProperty, p => p.NamespaceSelector is not null);
        Assert.Null(gateway.PodSelector);
        Assert.Null(gateway.IpBlock);
        Assert.Equal("gateway", gateway.NamespaceSelector.MatchLabels["failkit.io/role"]);
        Assert.Equal("failkit-system", gateway.NamespaceSelector.MatchLabels["kubernetes.io/metadata.name"]);

        // A peer with a podSelector and no namespaceSelector is the policy's own namespace.
        var own = Assert.Single(rule.FromProperty, p => p.NamespaceSelector is null);
        Assert.Null(own.IpBlock);
        Assert.True(own.PodSelector.MatchLabels is null or { Count: 0 });

        Assert.Equal("http", Assert.Single(rule.Ports).Port.Value);
    }

    [Fact]
    public void TenantNamespace_CannotMatchTheGatewaySelector()
    {
        var selector = Assert.Single(_a.NetworkPolicy.Spec.Ingress).FromProperty.Single(p => p.NamespaceSelector is not null);
        foreach (var ns in new[] { _a.Namespace, _b.Namespace })
        {
            Assert.False(selector.NamespaceSelector.MatchLabels.All(l => ns.Metadata.Labels.TryGetValue(l.Key, out var v) && v == l.Value));
        }
    }

    [Fact]
    public void TwoTenants_ShareNoNamespaceOrNamedObject()
    {
        Assert.Equal("failkit-t-acme", _a.NamespaceName);
        Assert.Equal("failkit-t-globex", _b.NamespaceName);
        Assert.All(Namespaced(_a), o => Assert.Equal(_a.NamespaceName, o.Metadata.NamespaceProperty));
        Assert.All(Namespaced(_b), o => Assert.Equal(_b.NamespaceName, o.Metadata.NamespaceProperty));

        var namesA = Namespaced(_a).Select(o => o.Metadata.Name).ToHashSet();
        Assert.All(Namespaced(_b), o => Assert.DoesNotContain(o.Metadata.Name, namesA));

        var podA = _a.Deployment.Spec.Template.Spec;
        var podB = _b.Deployment.Spec.Template.Spec;
        Assert.Equal(_a.ServiceAccount.Metadata.Name, podA.ServiceAccountName);
        Assert.NotEqual(podA.ServiceAccountName, podB.ServiceAccountName);
        Assert.Equal(_a.Secret.Metadata.Name, podA.Containers[0].Env.Single(e => e.ValueFrom is not null).ValueFrom.SecretKeyRef.Name);
        Assert.NotEqual(_a.Secret.Metadata.Name, _b.Secret.Metadata.Name);
        // No shared storage: the only volume is the pod's own emptyDir, no PVC, no host path.
        Assert.All(podA.Volumes, v => Assert.NotNull(v.EmptyDir));
        Assert.All(podA.Volumes, v => Assert.Null(v.PersistentVolumeClaim));
        Assert.NotEqual(_a.Endpoint, _b.Endpoint);
    }

    [Fact]
    public void ConnectionString_IsOnlyInTheSecret()
    {
        Assert.Equal(SecretA, _a.Secret.StringData[KubernetesManifests.SecretKey]);
        foreach (var json in new object[] { _a.Namespace, _a.ServiceAccount, _a.NetworkPolicy, _a.Deployment, _a.Service }
            .Select(o => KubernetesJson.Serialize(o)))
        {
            Assert.DoesNotContain("s3cret-a", json, StringComparison.Ordinal);
            Assert.DoesNotContain("tenant_a", json, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("s3cret-a", KubernetesJson.Serialize(_b.Secret), StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret", new TenantWorkload("acme", SecretA).ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void PlaneSettings_AreInTheSecret_AndReachTheContainerAsSecretReferences()
    {
        var m = KubernetesManifests.Render(new TenantWorkload("acme", SecretA,
            Settings: new Dictionary<string, string> { ["Failkit:Management:PlaneKey"] = "plane-key-of-acme" }), Options);
        var env = m.Deployment.Spec.Template.Spec.Containers[0].Env;

        Assert.Equal("plane-key-of-acme", m.Secret.StringData["Failkit__Management__PlaneKey"]);
        var planeKey = env.Single(e => e.Name == "Failkit__Management__PlaneKey");
        Assert.Equal((m.Secret.Metadata.Name, "Failkit__Management__PlaneKey"), (planeKey.ValueFrom.SecretKeyRef.Name, planeKey.ValueFrom.SecretKeyRef.Key));
        Assert.Equal("acme", env.Single(e => e.Name == "Failkit__Tenant__Slug").Value);
        Assert.DoesNotContain("plane-key-of-acme", KubernetesJson.Serialize(m.Deployment), StringComparison.Ordinal);
    }

    [Fact]
    public void Deployment_RunsNonRootOnAReadOnlyRootWithLimits()
    {
        var pod = _a.Deployment.Spec.Template.Spec;
        var container = Assert.Single(pod.Containers);
        Assert.True(pod.SecurityContext.RunAsNonRoot);
        Assert.False(pod.AutomountServiceAccountToken);
        Assert.True(container.SecurityContext.RunAsNonRoot);
        Assert.True(container.SecurityContext.ReadOnlyRootFilesystem);
        Assert.False(container.SecurityContext.AllowPrivilegeEscalation);
        Assert.Equal(["ALL"], container.SecurityContext.Capabilities.Drop);
        Assert.Contains("memory", container.Resources.Limits.Keys);
        Assert.Contains("cpu", container.Resources.Limits.Keys);
        Assert.Equal(Options.Image, container.Image);
        Assert.Equal(_a.Deployment.Spec.Selector.MatchLabels, _a.Service.Spec.Selector);
    }

    [Theory]
    [InlineData("")]
    [InlineData("a.b")]
    [InlineData("Acme")]
    [InlineData("-acme")]
    [InlineData("acme/../x")]
    public void Render_RefusesASlugThatIsNotOneLabel(string slug) =>
        Assert.Throws<ArgumentException>(() => KubernetesManifests.Render(new TenantWorkload(slug, SecretA), Options));

    private static IEnumerable<IKubernetesObject<V1ObjectMeta>> Namespaced(TenantManifests m) =>
        [m.ServiceAccount, m.Secret, m.NetworkPolicy, m.Deployment, m.Service];
}
