using Amazon.EC2.Model;
using Failkit.Drills.Cloud;

namespace Failkit.Activities.Aws;

public sealed partial class AwsSession
{
    private static readonly List<string> LiveInstanceStates = ["pending", "running", "shutting-down", "stopping", "stopped"];

    /// <summary>What still carries the drill tag, by EC2 Describe* calls filtered on the tag (the Resource Groups
    /// Tagging API is not on the package mirror). Terminated instances are gone for billing and are not leftovers.</summary>
    public async Task<IReadOnlyList<CloudResource>> SweepAsync(string drillTagValue, CancellationToken ct)
    {
        var ids = new List<string>();
        var found = new List<CloudResource>();
        foreach (var kind in Kinds)
        {
            found.AddRange(await ListAsync(kind, drillTagValue, ids, ct));
        }

        return found;
    }

    /// <summary>The sweep's resource types, in teardown order: instances first (their NICs and volumes go with them),
    /// then what can only be deleted once detached, the AMI before the snapshot it pins.</summary>
    private static readonly string[] Kinds = ["instance", "nic", "ip", "disk", "image", "snapshot"];

    private Task<List<CloudResource>> ListAsync(string kind, string tagValue, List<string> requestIds, CancellationToken ct)
    {
        var tag = new Filter($"tag:{DrillTags.Key}", [tagValue]);
        return kind switch
        {
            "instance" => PagesAsync("DescribeInstances", requestIds,
                (token, c) => _ec2.DescribeInstancesAsync(new DescribeInstancesRequest { Filters = [tag, new Filter("instance-state-name", LiveInstanceStates)], NextToken = token }, c),
                r => (r.NextToken, r.Reservations?.SelectMany(x => x.Instances ?? []).Select(i => new CloudResource(kind, i.InstanceId, NameOf(i.Tags)))), ct),
            "nic" => PagesAsync("DescribeNetworkInterfaces", requestIds,
                (token, c) => _ec2.DescribeNetworkInterfacesAsync(new DescribeNetworkInterfacesRequest { Filters = [tag], NextToken = token }, c),
                r => (r.NextToken, r.NetworkInterfaces?.Select(n => new CloudResource(kind, n.NetworkInterfaceId, NameOf(n.TagSet)))), ct),
            "ip" => PagesAsync("DescribeAddresses", requestIds,
                (_, c) => _ec2.DescribeAddressesAsync(new DescribeAddressesRequest { Filters = [tag] }, c),
                r => (null, r.Addresses?.Select(a => new CloudResource(kind, a.AllocationId, a.PublicIp))), ct),
            "disk" => PagesAsync("DescribeVolumes", requestIds,
                (token, c) => _ec2.DescribeVolumesAsync(new DescribeVolumesRequest { Filters = [tag], NextToken = token }, c),
                r => (r.NextToken, r.Volumes?.Select(v => new CloudResource(kind, v.VolumeId, NameOf(v.Tags)))), ct),
            "image" => PagesAsync("DescribeImages", requestIds,
                (token, c) => _ec2.DescribeImagesAsync(new DescribeImagesRequest { Owners = ["self"], Filters = [tag], NextToken = token }, c),
                r => (r.NextToken, r.Images?.Select(i => new CloudResource(kind, i.ImageId, i.Name))), ct),
            "snapshot" => PagesAsync("DescribeSnapshots", requestIds,
                (token, c) => _ec2.DescribeSnapshotsAsync(new DescribeSnapshotsRequest { OwnerIds = ["self"], Filters = [tag], NextToken = token }, c),
                r => (r.NextToken, r.Snapshots?.Select(s => new CloudResource(kind, s.SnapshotId, NameOf(s.Tags)))), ct),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
        };
    }

    private async Task<List<CloudResource>> PagesAsync<TResponse>(string operation, List<string> requestIds,
        Func<string?, CancellationToken, Task<TResponse>> call, Func<TResponse, (string? Next, IEnumerable<CloudResource>? Items)> read, CancellationToken ct)
        where TResponse : Amazon.Runtime.AmazonWebServiceResponse
    {
        var all = new List<CloudResource>();
        string? token = null;
        do
        {
            var page = await CallAsync(operation, c => call(token, c), ct);
            Add(requestIds, page.ResponseMetadata?.RequestId);
            var (next, items) = read(page);
            all.AddRange(items ?? []);
            token = string.IsNullOrEmpty(next) ? null : next;
        }
        while (token is not null);

        return all;
    }

    private static string? NameOf(List<Tag>? tags) => tags?.FirstOrDefault(t => t.Key == DrillTags.VmKey)?.Value;
}
