namespace Failkit.Activities.Sim;

/// <summary>The simulated cloud's API operations: the names rate limits are configured under
/// (<c>rateLimits.RunInstances</c>...) and call counts are reported by.</summary>
public static class SimOperations
{
    /// <summary>Starts hydrating a disk (EBS <c>StartSnapshot</c>, ARM disk PUT, GCE image insert).</summary>
    public const string CreateDisk = "CreateDisk";

    public const string RunInstances = "RunInstances";

    public const string DescribeInstances = "DescribeInstances";

    /// <summary>Script probes (SSM / Azure run-command). HTTP and TCP probes are not API calls.</summary>
    public const string RunCommand = "RunCommand";

    public const string DeleteResource = "DeleteResource";

    /// <summary>Listing by tag, for teardown and the sweep.</summary>
    public const string DescribeResources = "DescribeResources";

    public static IReadOnlyList<string> All { get; } =
        [CreateDisk, RunInstances, DescribeInstances, RunCommand, DeleteResource, DescribeResources];
}
