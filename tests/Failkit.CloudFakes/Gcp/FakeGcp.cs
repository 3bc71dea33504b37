using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;

namespace Failkit.CloudFakes.Gcp;

/// <summary>A wire-level fake of the Compute Engine v1 JSON API (instances, disks, images, snapshots, addresses,
/// zone/region/global operations), the Cloud Storage JSON API (media upload, list, delete) and the OAuth token
/// endpoint, on 127.0.0.1. It keeps state, answers with Google's JSON shapes and error envelopes, and exposes fault
/// injection for tests. Compute lives under <see cref="ComputeEndpoint"/>, storage under <see cref="StorageEndpoint"/>.</summary>
public sealed partial class FakeGcp : IAsyncDisposable
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, FakeGceImage> _images = [];
    private readonly Dictionary<string, FakeGceDisk> _disks = [];
    private readonly Dictionary<string, FakeGceInstance> _instances = [];
    private readonly Dictionary<string, FakeGceLabelled> _snapshots = [];
    private readonly Dictionary<string, FakeGceLabelled> _addresses = [];
    private readonly Dictionary<string, byte[]> _objects = [];
    private readonly Dictionary<string, JsonObject> _operations = [];
    private readonly Dictionary<string, string> _operationsByRequestId = [];
    private readonly Dictionary<string, int> _throttle = [];
    private readonly Dictionary<string, (bool AsForbidden, int? RetryAfter)> _throttleShape = [];
    private readonly Dictionary<string, (int Status, string Reason, string Message, string? RequestId)> _failNext = [];
    private readonly HashSet<string> _dropNext = [];
    private readonly HashSet<string> _failDelete = [];
    private readonly ConcurrentDictionary<string, int> _calls = new();
    private FakeServer? _server;
    private long _nextId = 4_000_000_000_000_000_000;
    private int _tokens;

    private FakeGcp(string project) => Project = project;

    public string Project { get; }

    public Uri BaseAddress => _server!.BaseAddress;

    public Uri ComputeEndpoint => new(BaseAddress, "compute/v1/");

    public Uri StorageEndpoint => BaseAddress;

    public Uri TokenUri => new(BaseAddress, "token");

    /// <summary>The networkIP given to new instances; null hands out 10.128.0.x addresses.</summary>
    public string? PrivateAddress { get; set; }

    /// <summary>instances.get calls before an instance reports RUNNING.</summary>
    public int RunningAfterPolls { get; set; } = 2;

    /// <summary>instances.get calls after RUNNING before the guest agent publishes its host keys.</summary>
    public int AgentReadyAfterPolls { get; set; } = 1;

    /// <summary>GCE imports raw disks whose size is a whole number of GiB; tests may lower it to keep disks small.</summary>
    public long RawDiskGranularity { get; set; } = 1L << 30;

    /// <summary>The last line the guest writes to its serial console once booted.</summary>
    public string BootMarker { get; set; } = "failkit: boot complete";

    /// <summary>Page size of list calls, so tests can make the client follow <c>nextPageToken</c>.</summary>
    public int PageSize { get; set; } = 500;

    public int TokenRequests => _tokens;

    public static async Task<FakeGcp> StartAsync(string project = "failkit-drills")
    {
        var fake = new FakeGcp(project);
        fake._server = await FakeServer.StartAsync(app => app.Run(fake.HandleAsync));
        return fake;
    }

    /// <summary>How many times a method (e.g. <c>instances.insert</c>) was called, throttled answers included.</summary>
    public int Calls(string method) => _calls.GetValueOrDefault(method);

    /// <summary>The next <paramref name="times"/> calls of the method answer 429 (or 403 <c>rateLimitExceeded</c>).</summary>
    public void ThrottleNext(string method, int times, bool asForbidden = false, int? retryAfterSeconds = null)
    {
        lock (_gate)
        {
            _throttle[method] = times;
            _throttleShape[method] = (asForbidden, retryAfterSeconds);
        }
    }

    /// <summary>The next call of the method does its work, then the connection is aborted before the answer.</summary>
    public void DropResponseOfNext(string method)
    {
        lock (_gate)
        {
            _dropNext.Add(method);
        }
    }

    /// <summary>The next call of the method fails with Google's error envelope (its RequestInfo carries
    /// <paramref name="requestId"/>, or a random one).</summary>
    public void FailNext(string method, int status, string reason, string message, string? requestId = null)
    {
        lock (_gate)
        {
            _failNext[method] = (status, reason, message, requestId);
        }
    }

    /// <summary>Deleting the named resource (disk, image, instance...) fails in its operation, and an instance's
    /// auto-delete leaves that disk behind: the resource leaks.</summary>
    public void FailDeleteOf(string name)
    {
        lock (_gate)
        {
            _failDelete.Add(name);
        }
    }

    public void AddSnapshot(string name, IReadOnlyDictionary<string, string> labels)
    {
        lock (_gate)
        {
            _snapshots[name] = new FakeGceLabelled("global", name, new(labels));
        }
    }

    public void AddAddress(string region, string name, IReadOnlyDictionary<string, string> labels)
    {
        lock (_gate)
        {
            _addresses[$"{region}/{name}"] = new FakeGceLabelled($"regions/{region}", name, new(labels));
        }
    }

    public IReadOnlyList<FakeGceInstance> Instances
    {
        get { lock (_gate) { return [.. _instances.Values]; } }
    }

    public IReadOnlyList<FakeGceDisk> Disks
    {
        get { lock (_gate) { return [.. _disks.Values]; } }
    }

    public IReadOnlyList<FakeGceImage> Images
    {
        get { lock (_gate) { return [.. _images.Values]; } }
    }

    /// <summary>Object names per bucket, as <c>bucket/name</c>.</summary>
    public IReadOnlyList<string> Objects
    {
        get { lock (_gate) { return [.. _objects.Keys]; } }
    }

    public int Snapshots
    {
        get { lock (_gate) { return _snapshots.Count; } }
    }

    public int Addresses
    {
        get { lock (_gate) { return _addresses.Count; } }
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    private long NextId() => Interlocked.Increment(ref _nextId);

    private string Link(string path) => new Uri(ComputeEndpoint, $"projects/{Project}/{path}").ToString();
}
