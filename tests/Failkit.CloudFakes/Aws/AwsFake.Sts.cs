using System.Xml.Linq;

namespace Failkit.CloudFakes.Aws;

public sealed partial class AwsFake
{
    private readonly List<(string RoleArn, string SessionName)> _assumed = [];

    /// <summary>Every successful AssumeRole: the role and the session name.</summary>
    public IReadOnlyList<(string RoleArn, string SessionName)> AssumedRoles
    {
        get
        {
            lock (_gate)
            {
                return [.. _assumed];
            }
        }
    }

    private FakeReply AssumeRole(AwsFakeRequest query)
    {
        var roleArn = query.Required("RoleArn");
        var sessionName = query.Required("RoleSessionName");
        if (query["ExternalId"] != ExternalId)
        {
            throw new AwsFakeException(403, "AccessDenied", $"User: arn:aws:iam::999999999999:user/failkit is not authorized to perform: sts:AssumeRole on resource: {roleArn}");
        }

        var keyId = "ASIA" + Guid.NewGuid().ToString("n")[..16].ToUpperInvariant();
        var secret = Convert.ToBase64String(Guid.NewGuid().ToByteArray());
        var token = Convert.ToBase64String(Guid.NewGuid().ToByteArray()) + Convert.ToBase64String(Guid.NewGuid().ToByteArray());
        lock (_gate)
        {
            _sessions[keyId] = (secret, token);
            _assumed.Add((roleArn, sessionName));
        }

        XNamespace ns = "https://sts.amazonaws.com/doc/2011-06-15/";
        var expiration = DateTimeOffset.UtcNow.AddSeconds(query.Int("DurationSeconds", 3600));
        return FakeReply.Xml(new XElement(ns + "AssumeRoleResponse",
            new XElement(ns + "AssumeRoleResult",
                new XElement(ns + "Credentials",
                    new XElement(ns + "AccessKeyId", keyId),
                    new XElement(ns + "SecretAccessKey", secret),
                    new XElement(ns + "SessionToken", token),
                    new XElement(ns + "Expiration", Ec2Xml.Time(expiration))),
                new XElement(ns + "AssumedRoleUser",
                    new XElement(ns + "Arn", $"{roleArn.Replace(":iam:", ":sts:", StringComparison.Ordinal).Replace(":role/", ":assumed-role/", StringComparison.Ordinal)}/{sessionName}"),
                    new XElement(ns + "AssumedRoleId", $"AROA{keyId[4..]}:{sessionName}"))),
            new XElement(ns + "ResponseMetadata", new XElement(ns + "RequestId", query.RequestId))));
    }
}
