using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;

namespace Failkit.CloudFakes.Azure;

/// <summary>A wire-level fake of the Azure APIs a drill uses: Entra ID's token endpoint, ARM (compute disks and VMs,
/// network interfaces and public IPs, generic resource listing, long-running operations) and the page-blob subset of
/// Blob storage. Requests arrive over http on 127.0.0.1 with the original https host in the Host header (see
/// <see cref="HttpsRewritingHandler"/>); the host picks the service.</summary>
public sealed partial class AzureFake : IAsyncDisposable
{
    public const string ArmHost = "management.fake.test";
    public const string LoginHost = "login.fake.test";
    public const string DiagnosticsStorageAccount = "fkbootdiag";

    private readonly Lock _gate = new();
    private readonly Dictionary<string, FakeArmResource> _resources = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, int> _calls = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _throttle = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, TimeSpan?> _throttleRetryAfter = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _lastRequestIds = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _drop = new(StringComparer.Ordinal);
    private readonly HashSet<string> _failDelete = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentQueue<string> _tokenRequests = new();
    private readonly ConcurrentQueue<FakeRunCommand> _runCommands = new();
    private readonly HashSet<string> _issuedTokens = new(StringComparer.Ordinal);
    private FakeServer? _server;
    private int _nextAddress = 4;

    private AzureFake(string subscriptionId) => SubscriptionId = subscriptionId;

    public string SubscriptionId { get; }

    public Uri BaseAddress => _server!.BaseAddress;

    public static Uri ArmEndpoint { get; } = new($"https://{ArmHost}/");

    public static Uri AuthorityHost { get; } = new($"https://{LoginHost}/");

    /// <summary>How many status polls a long-running operation answers InProgress before it completes.</summary>
    public int PollsBeforeDone { get; set; } = 1;

    /// <summary>How many instance-view reads of a running VM report its agent as not ready yet.</summary>
    public int AgentNotReadyReads { get; set; } = 1;

    /// <summary>The private address given to a new NIC; by default 10.0.0.x.</summary>
    public Func<string, string>? PrivateAddressFor { get; set; }

    /// <summary>What the VM's serial console shows once it runs.</summary>
    public Func<string, string> ConsoleFor { get; set; } = vm => $"[    0.000000] Linux version 6.1.0 ({vm})\nfailkit: boot complete\n";

    /// <summary>Runs a RunShellScript command: the exit code and stdout for the given VM name and script.</summary>
    public Func<string, string, (int ExitCode, string StdOut)> RunScript { get; set; } = (_, _) => (0, "ok");

    public IReadOnlyCollection<string> TokenRequests => _tokenRequests;

    public IReadOnlyCollection<FakeRunCommand> RunCommands => _runCommands;

    public static async Task<AzureFake> StartAsync(string subscriptionId = "00000000-0000-0000-0000-0000000000a1")
    {
        var fake = new AzureFake(subscriptionId);
        fake._server = await FakeServer.StartAsync(app => app.Run(fake.HandleAsync));
        return fake;
    }

    /// <summary>Answers the next <paramref name="count"/> calls of an operation (ARM operation ids such as
    /// <c>VirtualMachines_CreateOrUpdate</c>, or storage ones such as <c>PageBlob_UploadPages</c>) with 429, with a
    /// <c>Retry-After</c> header only when <paramref name="retryAfter"/> is given.</summary>
    public void ThrottleNext(string operation, int count, TimeSpan? retryAfter = null)
    {
        _throttle[operation] = count;
        _throttleRetryAfter[operation] = retryAfter;
    }

    /// <summary>The next call of the operation does its work, then the connection is aborted before the response.</summary>
    public void DropResponseOfNext(string operation) => _drop.AddOrUpdate(operation, 1, (_, n) => n + 1);

    /// <summary>Deletes of this resource are refused, so it leaks.</summary>
    public void FailDeleteOf(string resourceId)
    {
        lock (_gate)
        {
            _failDelete.Add(resourceId);
        }
    }

    /// <summary>Calls received per operation, throttled and dropped ones included.</summary>
    public int CallCount(string operation) => _calls.GetValueOrDefault(operation);

    /// <summary>The <c>x-ms-request-id</c> the fake answered the operation's last call with.</summary>
    public string? LastRequestId(string operation) => _lastRequestIds.GetValueOrDefault(operation);

    public IReadOnlyList<FakeArmResource> Resources(string? type = null)
    {
        lock (_gate)
        {
            return [.. _resources.Values.Where(r => type is null || r.Type.Equals(type, StringComparison.OrdinalIgnoreCase))];
        }
    }

    /// <summary>Puts a resource in place as if something outside the drill had created it (e.g. a public IP).</summary>
    public FakeArmResource Seed(string resourceGroup, string type, string name, IReadOnlyDictionary<string, string> tags, string location = "westeurope")
    {
        ArgumentNullException.ThrowIfNull(tags);
        var resource = new FakeArmResource
        {
            Id = $"/subscriptions/{SubscriptionId}/resourceGroups/{resourceGroup}/providers/{type}/{name}",
            Name = name,
            Type = type,
            Location = location,
            Tags = new Dictionary<string, string>(tags, StringComparer.Ordinal),
        };
        resource.ProvisioningState = "Succeeded";
        lock (_gate)
        {
            _resources[resource.Id] = resource;
        }

        return resource;
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    private string NextPrivateAddress(string nicName) =>
        PrivateAddressFor?.Invoke(nicName) ?? $"10.0.0.{Interlocked.Increment(ref _nextAddress)}";
}

public sealed record FakeRunCommand(string VmName, string CommandId, string Script);
