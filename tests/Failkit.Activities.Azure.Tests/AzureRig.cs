using System.Text.Json.Nodes;
using Azure.Core.Pipeline;
using Failkit.Drills.Cloud;
using Failkit.CloudFakes.Azure;

namespace Failkit.Activities.Azure.Tests;

/// <summary>The real provider and SDK clients against the Azure fake: https URLs rewritten to the fake on
/// 127.0.0.1, long-running operations polled every 10 ms, and a CloudCalls of its own with a 5 ms base backoff.</summary>
public sealed class AzureRig : IAsyncDisposable
{
    public const string TenantId = "7f0c3e1a-0000-4000-8000-00000000aaaa";
    public const string ClientId = "failkit-drills";
    public const string Secret = "s3cret-value";
    public const string ResourceGroup = "rg-failkit-drills";
    public const string StorageAccount = "fkdrills";
    public const string Container = "failkit-drills";

    private readonly HttpClientTransport _transport;

    private AzureRig(AzureFake fake, TimeSpan? pollInterval, JsonObject? secret)
    {
        Fake = fake;
        Calls = new CloudCalls(8, TimeProvider.System, maxAttempts: 6, baseDelay: TimeSpan.FromMilliseconds(5), maxDelay: TimeSpan.FromMilliseconds(50));
        _transport = new HttpClientTransport(new HttpClient(new HttpsRewritingHandler(fake.BaseAddress)));
        Provider = new AzureCloudProvider(TimeProvider.System, new AzureClientPlumbing(_transport, pollInterval, (_, _) => Calls));
        Account = NewAccount(fake.SubscriptionId, secret ?? new JsonObject { ["clientSecret"] = Secret });
    }

    public AzureFake Fake { get; }

    public CloudCalls Calls { get; }

    public AzureCloudProvider Provider { get; }

    public CloudAccount Account { get; }

    public static async Task<AzureRig> StartAsync(TimeSpan? pollInterval = null, bool defaultPolling = false, JsonObject? secret = null)
    {
        var fake = await AzureFake.StartAsync();
        fake.RegisterClient(TenantId, ClientId, Secret);
        return new AzureRig(fake, defaultPolling ? null : pollInterval ?? TimeSpan.FromMilliseconds(10), secret);
    }

    public static CloudAccount NewAccount(string subscriptionId, JsonObject secret) => new(
        Guid.NewGuid(),
        "drills-westeurope",
        CloudKind.Azure,
        "westeurope",
        new DrillNetwork("vnet-drill", "snet-isolated", "nsg-deny-prod"),
        new Dictionary<string, string> { ["small"] = "Standard_B2s" },
        new Dictionary<string, string> { ["owner"] = "failkit" },
        new JsonObject
        {
            ["tenantId"] = TenantId,
            ["clientId"] = ClientId,
            ["subscriptionId"] = subscriptionId,
            ["resourceGroup"] = ResourceGroup,
            ["storageAccount"] = StorageAccount,
            ["armEndpoint"] = AzureFake.ArmEndpoint.ToString(),
            ["authorityHost"] = AzureFake.AuthorityHost.ToString(),
            ["blobEndpoint"] = $"https://{StorageAccount}.blob.fake.test/",
        },
        secret);

    public static DiskImage Image(string name, long size, int blockSize, IReadOnlyDictionary<long, byte[]> blocks) =>
        new(name, size, blockSize, ct => Blocks(blocks, ct));

    /// <summary>Blocks whose bytes are all <paramref name="fill"/> (non-zero), at the given indexes.</summary>
    public static Dictionary<long, byte[]> Filled(int blockSize, params (long Index, byte Fill)[] blocks) =>
        blocks.ToDictionary(b => b.Index, b => Enumerable.Repeat(b.Fill, blockSize).ToArray());

    public FakePageBlob BlobOf(string vmName)
    {
        var names = Fake.BlobNames(StorageAccount, Container);
        return names.Select(n => Fake.PageBlob(StorageAccount, Container, n)!).Single(b => b.Metadata.GetValueOrDefault("failkit_vm") == vmName);
    }

    public async ValueTask DisposeAsync()
    {
        Calls.Dispose();
        _transport.Dispose();
        await Fake.DisposeAsync();
    }

    private static async IAsyncEnumerable<DiskBlock> Blocks(IReadOnlyDictionary<long, byte[]> blocks, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        foreach (var (index, data) in blocks.OrderBy(b => b.Key))
        {
            ct.ThrowIfCancellationRequested();
            await Task.Yield();
            yield return new DiskBlock(index, data);
        }
    }
}
