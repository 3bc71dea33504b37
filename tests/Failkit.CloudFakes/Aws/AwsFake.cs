using System.Collections.Concurrent;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace Failkit.CloudFakes.Aws;

/// <summary>A wire-level fake of the AWS APIs a drill uses, on one 127.0.0.1 endpoint: EC2 (Query/XML), STS
/// AssumeRole (Query/XML), EBS direct (REST/JSON) and SSM (JSON 1.1). Every request must carry a valid SigV4
/// signature: STS with the platform key, everything else with credentials STS issued. State is kept so a sweep by
/// tag is meaningful; faults are injected through the public methods.</summary>
public sealed partial class AwsFake : IAsyncDisposable
{
    private readonly Lock _gate = new();
    private readonly ConcurrentDictionary<string, int> _calls = new(StringComparer.Ordinal);
    private readonly Dictionary<string, FakeInstance> _instances = new(StringComparer.Ordinal);
    private readonly Dictionary<string, FakeVolume> _volumes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, FakeSnapshot> _snapshots = new(StringComparer.Ordinal);
    private readonly Dictionary<string, FakeImage> _images = new(StringComparer.Ordinal);
    private readonly Dictionary<string, FakeNetworkInterface> _nics = new(StringComparer.Ordinal);
    private readonly Dictionary<string, FakeAddress> _addresses = new(StringComparer.Ordinal);
    private readonly Dictionary<string, FakeCommand> _commands = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (string Secret, string Token)> _sessions = new(StringComparer.Ordinal);
    private FakeServer? _server;
    private int _addressCounter;

    private AwsFake()
    {
    }

    public Uri Endpoint => _server?.BaseAddress ?? throw new InvalidOperationException("The fake is not started.");

    public string AccountId { get; } = "123456789012";

    public string PlatformAccessKeyId { get; } = "AKIAFAILKITPLATFORM0";

    public string PlatformSecretKey { get; } = "platform/secret/key/for/the/fake/only";

    /// <summary>The external id the customer's role trust policy demands.</summary>
    public string ExternalId { get; set; } = "failkit-external-id";

    /// <summary>The private address every new instance reports (tests use 127.0.0.1 to reach a local probe target).</summary>
    public string PrivateAddress { get; set; } = "10.20.0.10";

    /// <summary>The DescribeInstances call on which a new instance is first seen running (earlier looks see pending).</summary>
    public int PollsUntilRunning { get; set; } = 2;

    /// <summary>DescribeInstanceStatus calls a running instance reports "initializing" for.</summary>
    public int StatusPollsUntilOk { get; set; } = 1;

    /// <summary>The serial console of an instance.</summary>
    public Func<FakeInstance, string> ConsoleOutput { get; set; } =
        i => $"[    0.000000] Linux version 6.1.0\r\n[    4.2] cloud-init: booting {i.Id}\r\nFailkit replica ready\r\n{i.Id} login: ";

    /// <summary>What AWS-RunShellScript does on an instance: exit code and output.</summary>
    public Func<FakeInstance, string, (int ExitCode, string Output)> RunScript { get; set; } = (_, _) => (0, "ok");

    public IReadOnlyList<FakeInstance> Instances => Snapshot(_instances);

    public IReadOnlyList<FakeVolume> Volumes => Snapshot(_volumes);

    public IReadOnlyList<FakeSnapshot> Snapshots => Snapshot(_snapshots);

    public IReadOnlyList<FakeImage> Images => Snapshot(_images);

    public IReadOnlyList<FakeNetworkInterface> NetworkInterfaces => Snapshot(_nics);

    public IReadOnlyList<FakeAddress> Addresses => Snapshot(_addresses);

    public IReadOnlyList<FakeCommand> Commands => Snapshot(_commands);

    /// <summary>How many requests of an action arrived (EC2/STS Action, SSM target, or EBS operation name),
    /// including throttled and dropped ones.</summary>
    public int Calls(string action) => _calls.GetValueOrDefault(action);

    public static async Task<AwsFake> StartAsync()
    {
        var fake = new AwsFake();
        fake._server = await FakeServer.StartAsync(app => app.Run(fake.HandleAsync));
        return fake;
    }

    /// <summary>An Elastic IP tagged like a drill resource, for sweeps that must find addresses.</summary>
    public string AllocateAddress(IReadOnlyDictionary<string, string> tags)
    {
        ArgumentNullException.ThrowIfNull(tags);
        lock (_gate)
        {
            var address = new FakeAddress { Id = NewId("eipalloc"), PublicIp = $"203.0.113.{++_addressCounter}" };
            foreach (var (key, value) in tags)
            {
                address.Tags[key] = value;
            }

            _addresses[address.Id] = address;
            return address.Id;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    private async Task HandleAsync(HttpContext context)
    {
        var requestId = Guid.NewGuid().ToString();
        context.Response.Headers["x-amzn-RequestId"] = requestId;
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
        var body = buffer.ToArray();
        var (service, action, query) = Classify(context.Request, body, requestId);
        _calls.AddOrUpdate(action, 1, (_, n) => n + 1);
        FakeReply reply;
        try
        {
            Authenticate(service, context.Request, body);
            if (TakeFault(_throttles, action))
            {
                throw Throttle(service);
            }

            if (TakeFailure(action) is { } failure)
            {
                throw failure;
            }

            reply = service switch
            {
                AwsService.Ec2 => Ec2(action, query!),
                AwsService.Sts => AssumeRole(query!),
                AwsService.Ssm => Ssm(action, body, requestId),
                _ => Ebs(action, context.Request, body),
            };
        }
        catch (AwsFakeException error)
        {
            reply = ErrorReply(service, error, requestId);
        }

        if (TakeFault(_drops, action))
        {
            // The work is done and committed; the caller never hears about it, as when a process dies mid-call.
            context.Abort();
            return;
        }

        context.Response.StatusCode = reply.Status;
        context.Response.ContentType = reply.ContentType;
        foreach (var (name, value) in reply.Headers ?? new Dictionary<string, string>())
        {
            context.Response.Headers[name] = value;
        }

        await context.Response.WriteAsync(reply.Body, context.RequestAborted);
    }

    private static (AwsService Service, string Action, AwsFakeRequest? Query) Classify(HttpRequest request, byte[] body, string requestId)
    {
        if (request.Path.StartsWithSegments("/snapshots", StringComparison.Ordinal))
        {
            var segments = request.Path.Value!.Split('/', StringSplitOptions.RemoveEmptyEntries);
            var action = (request.Method, segments.Length) switch
            {
                ("POST", 1) => "StartSnapshot",
                ("PUT", 4) when segments[2] == "blocks" => "PutSnapshotBlock",
                ("POST", 3) when segments[1] == "completion" => "CompleteSnapshot",
                _ => "UnknownEbsOperation",
            };
            return (AwsService.Ebs, action, null);
        }

        if (request.Headers["X-Amz-Target"].ToString() is { Length: > 0 } target)
        {
            return (AwsService.Ssm, target[(target.IndexOf('.', StringComparison.Ordinal) + 1)..], null);
        }

        var form = QueryHelpers.ParseQuery(Encoding.UTF8.GetString(body)).ToDictionary(p => p.Key, p => p.Value.ToString(), StringComparer.Ordinal);
        var query = new AwsFakeRequest(form, requestId);
        var name = query["Action"] ?? "MissingAction";
        return (name == "AssumeRole" ? AwsService.Sts : AwsService.Ec2, name, query);
    }

    private List<T> Snapshot<T>(Dictionary<string, T> items)
    {
        lock (_gate)
        {
            return [.. items.Values];
        }
    }

    private static string NewId(string prefix) => $"{prefix}-{Guid.NewGuid().ToString("n")[..17]}";
}
