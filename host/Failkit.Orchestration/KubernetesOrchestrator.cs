using System.Net;
using Failkit.Tenancy;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Failkit.Orchestration;

/// <summary>The production driver: a namespace per tenant with its Secret, ServiceAccount, NetworkPolicy,
/// Deployment and Service (<see cref="KubernetesManifests"/>), applied create-or-replace so that applying twice
/// converges. Stopping deletes the namespace, and with it everything the tenant had.</summary>
public sealed class KubernetesOrchestrator(
    IKubernetes client, KubernetesOrchestratorOptions? options = null, ILogger<KubernetesOrchestrator>? logger = null) : IOrchestrator
{
    private readonly KubernetesOrchestratorOptions _options = options ?? new KubernetesOrchestratorOptions();
    private readonly ILogger _logger = logger ?? NullLogger<KubernetesOrchestrator>.Instance;

    public async Task<Uri> StartTenantAsync(TenantWorkload workload, CancellationToken cancellationToken = default)
    {
        var m = KubernetesManifests.Render(workload, _options);
        var ns = m.NamespaceName;
        var core = client.CoreV1;
        var current = await KubernetesApply.ReadOrNullAsync(() => core.ReadNamespaceAsync(ns, cancellationToken: cancellationToken));
        if (current?.Status?.Phase == "Terminating")
        {
            throw new InvalidOperationException($"Namespace {ns} is still being deleted; start the tenant again once it is gone.");
        }

        await KubernetesApply.CreateOrReplaceAsync(
            m.Namespace,
            () => core.CreateNamespaceAsync(m.Namespace, cancellationToken: cancellationToken),
            () => core.ReadNamespaceAsync(ns, cancellationToken: cancellationToken),
            () => core.ReplaceNamespaceAsync(m.Namespace, ns, cancellationToken: cancellationToken));
        await KubernetesApply.CreateOrReplaceAsync(
            m.ServiceAccount,
            () => core.CreateNamespacedServiceAccountAsync(m.ServiceAccount, ns, cancellationToken: cancellationToken),
            () => core.ReadNamespacedServiceAccountAsync(m.ServiceAccount.Metadata.Name, ns, cancellationToken: cancellationToken),
            () => core.ReplaceNamespacedServiceAccountAsync(m.ServiceAccount, m.ServiceAccount.Metadata.Name, ns, cancellationToken: cancellationToken));
        await KubernetesApply.CreateOrReplaceAsync(
            m.Secret,
            () => core.CreateNamespacedSecretAsync(m.Secret, ns, cancellationToken: cancellationToken),
            () => core.ReadNamespacedSecretAsync(m.Secret.Metadata.Name, ns, cancellationToken: cancellationToken),
            () => core.ReplaceNamespacedSecretAsync(m.Secret, m.Secret.Metadata.Name, ns, cancellationToken: cancellationToken));

        // The policy goes in before the pods exist, so there is no moment in which they accept traffic from anywhere.
        var net = client.NetworkingV1;
        await KubernetesApply.CreateOrReplaceAsync(
            m.NetworkPolicy,
            () => net.CreateNamespacedNetworkPolicyAsync(m.NetworkPolicy, ns, cancellationToken: cancellationToken),
            () => net.ReadNamespacedNetworkPolicyAsync(m.NetworkPolicy.Metadata.Name, ns, cancellationToken: cancellationToken),
            () => net.ReplaceNamespacedNetworkPolicyAsync(m.NetworkPolicy, m.NetworkPolicy.Metadata.Name, ns, cancellationToken: cancellationToken));
        var apps = client.AppsV1;
        await KubernetesApply.CreateOrReplaceAsync(
            m.Deployment,
            () => apps.CreateNamespacedDeploymentAsync(m.Deployment, ns, cancellationToken: cancellationToken),
            () => apps.ReadNamespacedDeploymentAsync(m.Deployment.Metadata.Name, ns, cancellationToken: cancellationToken),
            () => apps.ReplaceNamespacedDeploymentAsync(m.Deployment, m.Deployment.Metadata.Name, ns, cancellationToken: cancellationToken));
        await KubernetesApply.CreateOrReplaceAsync(
            m.Service,
            () => core.CreateNamespacedServiceAsync(m.Service, ns, cancellationToken: cancellationToken),
            () => core.ReadNamespacedServiceAsync(m.Service.Metadata.Name, ns, cancellationToken: cancellationToken),
            () => core.ReplaceNamespacedServiceAsync(m.Service, m.Service.Metadata.Name, ns, cancellationToken: cancellationToken),
            (desired, existing) =>
            {
                // The cluster IP is allocated once and immutable; a replace must carry it.
                desired.Spec.ClusterIP = existing.Spec?.ClusterIP;
                desired.Spec.ClusterIPs = existing.Spec?.ClusterIPs;
            });

        _logger.LogInformation("Tenant {Slug} applied to namespace {Namespace}", workload.Slug, ns);
        return m.Endpoint;
    }

    public async Task StopTenantAsync(string slug, CancellationToken cancellationToken = default)
    {
        var ns = _options.NamespacePrefix + TenantSlug.Parse(slug).Value;
        try
        {
            // Foreground: the namespace stays visible (Terminating) until its pods are gone.
            await client.CoreV1.DeleteNamespaceAsync(
                ns, new V1DeleteOptions { PropagationPolicy = "Foreground" }, cancellationToken: cancellationToken);
            _logger.LogInformation("Tenant {Slug} namespace {Namespace} deleted", slug, ns);
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
        {
            // Already gone: stopping is idempotent.
        }
    }

    public async Task<Uri?> GetEndpointAsync(string slug, CancellationToken cancellationToken = default)
    {
        var rendered = KubernetesManifests.Render(new TenantWorkload(slug, string.Empty), _options);
        var ns = await KubernetesApply.ReadOrNullAsync(
            () => client.CoreV1.ReadNamespaceAsync(rendered.NamespaceName, cancellationToken: cancellationToken));
        if (ns is null || ns.Status?.Phase == "Terminating")
        {
            return null;
        }

        var service = await KubernetesApply.ReadOrNullAsync(() => client.CoreV1.ReadNamespacedServiceAsync(
            rendered.Service.Metadata.Name, rendered.NamespaceName, cancellationToken: cancellationToken));
        return service is null ? null : rendered.Endpoint;
    }
}
