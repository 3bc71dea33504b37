using System.Text.Json.Nodes;
using System.Xml.Linq;
using Microsoft.AspNetCore.Http;

namespace Failkit.CloudFakes.Aws;

internal enum AwsService
{
    Ec2,
    Sts,
    Ssm,
    Ebs,
}

internal sealed record FakeReply(int Status, string ContentType, string Body, IReadOnlyDictionary<string, string>? Headers = null)
{
    public static FakeReply Xml(XElement root) => new(200, "text/xml;charset=UTF-8", root.ToString(SaveOptions.DisableFormatting));

    public static FakeReply Json(int status, JsonNode body, string contentType = "application/json") => new(status, contentType, body.ToJsonString());
}

public sealed partial class AwsFake
{
    private readonly Dictionary<string, int> _throttles = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _drops = new(StringComparer.Ordinal);
    private readonly HashSet<string> _undeletable = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Queue<AwsFakeException>> _failures = new(StringComparer.Ordinal);

    /// <summary>The next request of <paramref name="action"/> is refused with this error, in the service's envelope
    /// (e.g. 402 ServiceQuotaExceededException from EBS, 400 InsufficientInstanceCapacity from EC2).</summary>
    public void FailNext(string action, int status, string code, string message)
    {
        lock (_gate)
        {
            if (!_failures.TryGetValue(action, out var queue))
            {
                _failures[action] = queue = new Queue<AwsFakeException>();
            }

            queue.Enqueue(new AwsFakeException(status, code, message));
        }
    }

    private AwsFakeException? TakeFailure(string action)
    {
        lock (_gate)
        {
            return _failures.TryGetValue(action, out var queue) && queue.TryDequeue(out var error) ? error : null;
        }
    }

    /// <summary>The next <paramref name="times"/> requests of <paramref name="action"/> are refused with the service's
    /// throttling error (EC2 503 RequestLimitExceeded, STS Throttling, SSM ThrottlingException, EBS
    /// RequestThrottledException).</summary>
    public void ThrottleNext(string action, int times)
    {
        lock (_gate)
        {
            _throttles[action] = _throttles.GetValueOrDefault(action) + times;
        }
    }

    /// <summary>The next <paramref name="times"/> requests of <paramref name="action"/> are carried out, then their
    /// connections are aborted before any response byte is sent.</summary>
    public void DropResponseOfNext(string action, int times = 1)
    {
        lock (_gate)
        {
            _drops[action] = _drops.GetValueOrDefault(action) + times;
        }
    }

    /// <summary>Cancels pending throttles and dropped responses (resources marked undeletable stay so).</summary>
    public void ClearFaults()
    {
        lock (_gate)
        {
            _throttles.Clear();
            _drops.Clear();
            _failures.Clear();
        }
    }

    /// <summary>The resource survives: deletes of it are refused (UnauthorizedOperation, as under a deny policy), and
    /// a volume with DeleteOnTermination stays behind, detached, when its instance terminates.</summary>
    public void FailDeleteOf(string resourceId)
    {
        lock (_gate)
        {
            _undeletable.Add(resourceId);
        }
    }

    private bool TakeFault(Dictionary<string, int> faults, string action)
    {
        lock (_gate)
        {
            if (faults.GetValueOrDefault(action) <= 0)
            {
                return false;
            }

            faults[action]--;
            return true;
        }
    }

    private void RefuseDeleteOf(string id)
    {
        if (_undeletable.Contains(id))
        {
            throw new AwsFakeException(403, "UnauthorizedOperation", $"You are not authorized to perform this operation on {id}. Encoded authorization failure message: fake-deny");
        }
    }

    private static AwsFakeException Throttle(AwsService service) => service switch
    {
        AwsService.Ec2 => new AwsFakeException(503, "RequestLimitExceeded", "Request limit exceeded."),
        AwsService.Sts => new AwsFakeException(400, "Throttling", "Rate exceeded"),
        AwsService.Ssm => new AwsFakeException(400, "ThrottlingException", "Rate exceeded"),
        _ => new AwsFakeException(400, "RequestThrottledException", "The number of API requests has exceeded the maximum allowed API request throttling limit for the snapshot."),
    };

    private void Authenticate(AwsService service, HttpRequest request, byte[] body)
    {
        try
        {
            var signed = SigV4Verifier.Verify(request, body, SecretOf);
            var expectedService = service switch { AwsService.Ec2 => "ec2", AwsService.Sts => "sts", AwsService.Ssm => "ssm", _ => "ebs" };
            if (signed.Service != expectedService)
            {
                throw new AwsFakeException(403, "SignatureDoesNotMatch", $"Credential should be scoped to the {expectedService} service, not {signed.Service}.");
            }

            var isPlatform = signed.AccessKeyId == PlatformAccessKeyId;
            if (service == AwsService.Sts != isPlatform)
            {
                throw new AwsFakeException(403, "AccessDenied", service == AwsService.Sts
                    ? "Only Failkit's platform identity may assume the customer's role."
                    : "Calls into the customer's account must use the assumed role's credentials.");
            }

            if (!isPlatform && request.Headers["x-amz-security-token"].ToString() != SessionToken(signed.AccessKeyId))
            {
                throw new AwsFakeException(403, "InvalidClientTokenId", "The security token included in the request is invalid.");
            }
        }
        catch (AwsFakeException error) when (service == AwsService.Ec2 && error.Status == 403)
        {
            throw new AwsFakeException(401, "AuthFailure", error.Message);
        }
    }

    private string? SecretOf(string accessKeyId)
    {
        if (accessKeyId == PlatformAccessKeyId)
        {
            return PlatformSecretKey;
        }

        lock (_gate)
        {
            return _sessions.TryGetValue(accessKeyId, out var session) ? session.Secret : null;
        }
    }

    private string? SessionToken(string accessKeyId)
    {
        lock (_gate)
        {
            return _sessions.TryGetValue(accessKeyId, out var session) ? session.Token : null;
        }
    }

    private static FakeReply ErrorReply(AwsService service, AwsFakeException error, string requestId)
    {
        switch (service)
        {
            case AwsService.Ec2:
                return FakeReply.Xml(Ec2Xml.Error(error.Code, error.Message, requestId)) with { Status = error.Status };
            case AwsService.Sts:
                XNamespace ns = "https://sts.amazonaws.com/doc/2011-06-15/";
                return FakeReply.Xml(new XElement(ns + "ErrorResponse",
                    new XElement(ns + "Error", new XElement(ns + "Type", "Sender"), new XElement(ns + "Code", error.Code), new XElement(ns + "Message", error.Message)),
                    new XElement(ns + "RequestId", requestId))) with { Status = error.Status };
            case AwsService.Ssm:
                return FakeReply.Json(error.Status, new JsonObject { ["__type"] = error.Code, ["message"] = error.Message }, "application/x-amz-json-1.1");
            default:
                return FakeReply.Json(error.Status, new JsonObject { ["Message"] = error.Message }) with
                {
                    Headers = new Dictionary<string, string> { ["x-amzn-ErrorType"] = error.Code },
                };
        }
    }
}
