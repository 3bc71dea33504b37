namespace Failkit.CloudFakes.Aws;

public sealed partial class AwsFake
{
    private FakeReply Ec2(string action, AwsFakeRequest query)
    {
        if (query["Version"] != "2016-11-15")
        {
            throw new AwsFakeException(400, "InvalidParameterValue", $"Unsupported API version {query["Version"]}.");
        }

        lock (_gate)
        {
            return action switch
            {
                "RunInstances" => RunInstances(query),
                "DescribeInstances" => DescribeInstances(query),
                "DescribeInstanceStatus" => DescribeInstanceStatus(query),
                "GetConsoleOutput" => GetConsoleOutput(query),
                "TerminateInstances" => TerminateInstances(query),
                "RegisterImage" => RegisterImage(query),
                "DescribeImages" => DescribeImages(query),
                "DeregisterImage" => DeregisterImage(query),
                "DescribeSnapshots" => DescribeSnapshots(query),
                "DeleteSnapshot" => DeleteSnapshot(query),
                "DescribeVolumes" => DescribeVolumes(query),
                "DeleteVolume" => DeleteVolume(query),
                "DescribeNetworkInterfaces" => DescribeNetworkInterfaces(query),
                "DeleteNetworkInterface" => DeleteNetworkInterface(query),
                "DescribeAddresses" => DescribeAddresses(query),
                "ReleaseAddress" => ReleaseAddress(query),
                _ => throw new AwsFakeException(400, "InvalidAction", $"The action {action} is not valid for this web service."),
            };
        }
    }

    /// <summary>Applies EC2 filters; an unknown filter name is an error, as on EC2, so a typo cannot pass silently.</summary>
    private static List<T> Filtered<T>(IEnumerable<T> items, AwsFakeRequest query, IReadOnlyDictionary<string, Func<T, string>>? fields = null)
        where T : AwsFakeResource
    {
        var result = items.ToList();
        foreach (var (name, values) in query.Filters())
        {
            if (name.StartsWith("tag:", StringComparison.Ordinal))
            {
                var key = name[4..];
                result = result.Where(i => i.Tags.TryGetValue(key, out var v) && values.Contains(v)).ToList();
            }
            else if (name == "tag-key")
            {
                result = result.Where(i => values.Any(i.Tags.ContainsKey)).ToList();
            }
            else if (fields is not null && fields.TryGetValue(name, out var get))
            {
                result = result.Where(i => values.Contains(get(i))).ToList();
            }
            else
            {
                throw new AwsFakeException(400, "InvalidParameterValue", $"The filter '{name}' is invalid");
            }
        }

        return result;
    }

    private static IEnumerable<T> ById<T>(Dictionary<string, T> all, List<string> ids, string notFoundCode)
        where T : AwsFakeResource
    {
        if (ids.Count == 0)
        {
            return all.Values;
        }

        var missing = ids.FirstOrDefault(id => !all.ContainsKey(id));
        return missing is null
            ? ids.Select(id => all[id])
            : throw new AwsFakeException(400, notFoundCode, $"The ID '{missing}' does not exist");
    }

    private static FakeReply Done(string action, AwsFakeRequest query) =>
        FakeReply.Xml(Ec2Xml.Response(action, query.RequestId, Ec2Xml.E("return", "true")));
}
