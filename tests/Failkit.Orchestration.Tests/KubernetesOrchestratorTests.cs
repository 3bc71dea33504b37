using k8s;

namespace Failkit.Orchestration.Tests;

public sealed class KubernetesOrchestratorTests : IAsyncLifetime
{
    private const string Ns = "/api/v1/namespaces/failkit-t-acme";
    private const string ConnectionString = "Host=db;Database=tenant_acme;Username=app;Password=pw";
    private FakeKubernetesApi _api = null!;
    private Kubernetes _client = null!;
    private KubernetesOrchestrator _orchestrator = null!;

    public async ValueTask InitializeAsync()
    {
        _api = await FakeKubernetesApi.StartAsync();
        _client = new Kubernetes(new KubernetesClientConfiguration { Host = _api.Url.ToString() });
        _orchestrator = new KubernetesOrchestrator(_client);
    }

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        await _api.DisposeAsync();
    }

    [Fact]
    public async Task FirstStart_CreatesEachObjectOnce_PolicyBeforePods()
    {
        var endpoint = await _orchestrator.StartTenantAsync(new TenantWorkload("acme", ConnectionString));

        Assert.Equal(new Uri("http://failkit-acme.failkit-t-acme.svc.cluster.local/"), endpoint);
        Assert.Equal(
        [
            $"GET {Ns}",
            "POST /api/v1/namespaces",
            $"POST {Ns}/serviceaccounts",
            $"POST {Ns}/secrets",
            "POST /apis/networking.k8s.io/v1/namespaces/failkit-t-acme/networkpolicies",
            "POST /apis/apps/v1/namespaces/failkit-t-acme/deployments",
            $"POST {Ns}/services",
        ], _api.Calls);
        Assert.Equal(ConnectionString, _api.Get($"{Ns}/secrets/failkit-acme-db")!["stringData"]!["connection-string"]!.GetValue<string>());
        var policy = _api.Get("/apis/networking.k8s.io/v1/namespaces/failkit-t-acme/networkpolicies/failkit-acme-isolation")!;
        Assert.Equal("Ingress", policy["spec"]!["policyTypes"]![0]!.GetValue<string>());
    }

    [Fact]
    public async Task SecondStart_ReplacesEveryObjectAtItsLiveVersion()
    {
        await _orchestrator.StartTenantAsync(new TenantWorkload("acme", ConnectionString));
        var objects = _api.Paths.Order(StringComparer.Ordinal).ToList();
        _api.ClearCalls();

        await _orchestrator.StartTenantAsync(new TenantWorkload("acme", ConnectionString, Image: "failkit/host:2"));

        Assert.Equal(objects, _api.Paths.Order(StringComparer.Ordinal));
        Assert.Equal(6, _api.Calls.Count(c => c.StartsWith("POST ", StringComparison.Ordinal)));
        Assert.Equal(6, _api.Calls.Count(c => c.StartsWith("PUT ", StringComparison.Ordinal)));
        Assert.Contains($"PUT {Ns}", _api.Calls);
        Assert.Contains("PUT /apis/apps/v1/namespaces/failkit-t-acme/deployments/failkit-acme", _api.Calls);
        var deployment = _api.Get("/apis/apps/v1/namespaces/failkit-t-acme/deployments/failkit-acme")!;
        Assert.Equal("failkit/host:2", deployment["spec"]!["template"]!["spec"]!["containers"]![0]!["image"]!.GetValue<string>());
    }

    [Fact]
    public async Task Stop_DeletesTheNamespace_AndIsIdempotent()
    {
        await _orchestrator.StartTenantAsync(new TenantWorkload("acme", ConnectionString));
        await _orchestrator.StartTenantAsync(new TenantWorkload("globex", ConnectionString));
        Assert.NotNull(await _orchestrator.GetEndpointAsync("acme"));
        _api.ClearCalls();

        await _orchestrator.StopTenantAsync("acme");
        await _orchestrator.StopTenantAsync("acme");

        Assert.Equal([$"DELETE {Ns}", $"DELETE {Ns}"], _api.Calls);
        Assert.DoesNotContain(_api.Paths, p => p.Contains("failkit-t-acme", StringComparison.Ordinal));
        Assert.Null(await _orchestrator.GetEndpointAsync("acme"));
        Assert.Equal(new Uri("http://failkit-globex.failkit-t-globex.svc.cluster.local/"), await _orchestrator.GetEndpointAsync("globex"));
    }

    [Fact]
    public async Task GetEndpoint_OfAnUnknownTenant_IsNull() =>
        Assert.Null(await _orchestrator.GetEndpointAsync("nobody"));
}
