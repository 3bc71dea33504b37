using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Failkit.Drills.Cloud;
using Failkit.CloudFakes.Gcp;

namespace Failkit.Activities.Gcp.Tests;

/// <summary>A fake GCP project and an account pointing at it, with a real service-account key so Google.Apis.Auth
/// signs a real JWT and fetches a token from the fake's token endpoint.</summary>
public sealed class GcpTestbed : IAsyncDisposable
{
    /// <summary>Small raw disks keep the suite fast; the session pads to the same granularity the fake enforces.</summary>
    public const long Granularity = 1 << 20;

    // One RSA key for the whole run: generating a 2048-bit key per test costs more than the test.
    private static readonly Lazy<string> Key = new(() =>
    {
        using var rsa = RSA.Create(2048);
        return rsa.ExportPkcs8PrivateKeyPem();
    });

    private GcpTestbed(FakeGcp fake, CloudAccount account)
    {
        Fake = fake;
        Account = account;
    }

    public FakeGcp Fake { get; }

    public CloudAccount Account { get; }

    public static async Task<GcpTestbed> StartAsync()
    {
        var fake = await FakeGcp.StartAsync("drill-project");
        fake.RawDiskGranularity = Granularity;
        return new GcpTestbed(fake, AccountFor(fake));
    }

    /// <summary>An account on the fake; without one, on endpoints nobody listens to (for checks that call nothing).</summary>
    public static CloudAccount AccountFor(FakeGcp? fake, Action<JsonObject, JsonObject>? edit = null)
    {
        var nowhere = new Uri("http://127.0.0.1:9/");
        var secret = new JsonObject
        {
            ["type"] = "service_account",
            ["project_id"] = "drill-project",
            ["private_key_id"] = "0123456789abcdef",
            ["private_key"] = Key.Value,
            ["client_email"] = "drills@drill-project.iam.gserviceaccount.com",
            ["client_id"] = "100000000000000000001",
            ["token_uri"] = (fake?.TokenUri ?? new Uri(nowhere, "token")).ToString(),
        };
        var settings = new JsonObject
        {
            ["zone"] = "europe-west1-b",
            ["stagingBucket"] = "drill-staging",
            ["computeEndpoint"] = (fake?.ComputeEndpoint ?? new Uri(nowhere, "compute/v1/")).ToString(),
            ["storageEndpoint"] = (fake?.StorageEndpoint ?? nowhere).ToString(),
        };
        edit?.Invoke(settings, secret);
        return new CloudAccount(
            Guid.NewGuid(),
            "gcp-drills",
            CloudKind.Gcp,
            "europe-west1",
            new DrillNetwork("drill-vpc", "drill-subnet", "failkit-drill-deny-prod"),
            new Dictionary<string, string> { ["small"] = "e2-small" },
            new Dictionary<string, string> { ["Cost-Center"] = "DR" },
            settings,
            secret);
    }

    /// <summary>A session with fast backoff, built the way the provider builds one.</summary>
    public GcpSession Session(CloudCalls? calls = null)
    {
        var settings = GcpSettings.From(Account);
        calls ??= new CloudCalls(4, TimeProvider.System, baseDelay: TimeSpan.FromMilliseconds(5), maxDelay: TimeSpan.FromMilliseconds(50));
        return new GcpSession(Account, settings, new GcpRest(new HttpClient(), GcpRest.TokenFor(settings), calls, TimeProvider.System), TimeProvider.System, new GcpSessionOptions(Granularity));
    }

    /// <summary>A 3 MiB disk with three non-zero 4 KiB blocks; the rest reads as zeros.</summary>
    public static DiskImage Disk(string name, byte seed) => new(name, 3 * (1 << 20), 4096, _ => Blocks(seed));

    public static IReadOnlyList<(long Offset, byte[] Data)> ExpectedBlocks(byte seed) =>
        [(0, Fill(seed, 4096)), (17 * 4096, Fill((byte)(seed + 1), 4096)), (700 * 4096, Fill((byte)(seed + 2), 1000))];

    public ValueTask DisposeAsync() => Fake.DisposeAsync();

    private static async IAsyncEnumerable<DiskBlock> Blocks(byte seed)
    {
        foreach (var (offset, data) in ExpectedBlocks(seed))
        {
            await Task.Yield();
            yield return new DiskBlock(offset / 4096, data);
        }
    }

    private static byte[] Fill(byte seed, int length)
    {
        var data = new byte[length];
        for (var i = 0; i < length; i++)
        {
            data[i] = (byte)(seed ^ (i * 31));
        }

        data[0] = seed == 0 ? (byte)1 : seed;
        return data;
    }
}
