using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Azure.Core.Pipeline;
using Failkit.Activities.Azure;
using Failkit.CloudFakes.Azure;
using Failkit.Drills.Cloud;

namespace Failkit.Drills.Tests.Fixtures;

/// <summary>One tenant plane and one ARM/Blob fake per test class. ARM refuses bearer tokens over http, so the plane's
/// Azure provider is the real one on the test plumbing: the SDK's https URLs rewritten to the fake on 127.0.0.1,
/// long-running operations polled every 10 ms, and millisecond backoff.</summary>
public sealed class AzurePlaneFixture : IAsyncLifetime
{
    public const string StorageAccount = "fkdrills";
    public const string Container = "failkit-drills";
    private const string TenantId = "7f0c3e1a-0000-4000-8000-00000000aaaa";
    private const string ClientId = "failkit-drills";
    private const string Secret = "s3cret-value";

    private AzureFake? _fake;
    private DrillPlane? _plane;
    private HttpClientTransport? _transport;

    public AzureFake Fake => _fake ?? throw new InvalidOperationException("Not started.");

    public DrillPlane Plane => _plane ?? throw new InvalidOperationException("Not started.");

    public async ValueTask InitializeAsync()
    {
        _fake = await AzureFake.StartAsync();
        _fake.RegisterClient(TenantId, ClientId, Secret);
        _fake.PrivateAddressFor = _ => "127.0.0.1";
        _transport = new HttpClientTransport(new HttpClient(new HttpsRewritingHandler(_fake.BaseAddress)));
        var calls = new ConcurrentDictionary<Guid, CloudCalls>();
        var plumbing = new AzureClientPlumbing(_transport, TimeSpan.FromMilliseconds(10), (account, _) => calls.GetOrAdd(account.Id, _ => ProviderSwap.FastCalls()));
        _plane = await DrillPlane.StartAsync(services: s => s.ReplaceCloud<AzureCloudProvider>(_ => new AzureCloudProvider(TimeProvider.System, plumbing)));
    }

    public Task<CloudAccountView> AccountAsync() => CloudDrill.AccountAsync(Plane, CloudKind.Azure, "westeurope",
        new DrillNetwork("vnet-drill", "snet-isolated", "nsg-deny-prod"), "Standard_B2s",
        new JsonObject
        {
            ["tenantId"] = TenantId,
            ["clientId"] = ClientId,
            ["subscriptionId"] = Fake.SubscriptionId,
            ["resourceGroup"] = "rg-failkit-drills",
            ["storageAccount"] = StorageAccount,
            ["armEndpoint"] = AzureFake.ArmEndpoint.ToString(),
            ["authorityHost"] = AzureFake.AuthorityHost.ToString(),
            ["blobEndpoint"] = $"https://{StorageAccount}.blob.fake.test/",
        },
        new JsonObject { ["clientSecret"] = Secret });

    public async ValueTask DisposeAsync()
    {
        if (_plane is not null)
        {
            await _plane.DisposeAsync();
        }

        _transport?.Dispose();
        if (_fake is not null)
        {
            await _fake.DisposeAsync();
        }
    }
}
