using static Failkit.CloudFakes.Aws.Ec2Xml;

namespace Failkit.CloudFakes.Aws;

public sealed partial class AwsFake
{
    private static readonly Dictionary<string, Func<FakeNetworkInterface, string>> NicFields = new() { ["status"] = n => n.Status };

    private FakeReply DescribeNetworkInterfaces(AwsFakeRequest query)
    {
        var found = Filtered(ById(_nics, query.List("NetworkInterfaceId"), "InvalidNetworkInterfaceID.NotFound"), query, NicFields);
        return FakeReply.Xml(Response("DescribeNetworkInterfaces", query.RequestId, Set("networkInterfaceSet", found.Select(n => Item(
            E("networkInterfaceId", n.Id), E("subnetId", n.SubnetId), E("vpcId", "vpc-0fa11c17"), E("availabilityZone", "eu-west-1a"),
            E("ownerId", AccountId), E("status", n.Status), E("privateIpAddress", n.PrivateAddress), E("interfaceType", "interface"),
            n.AttachedTo is null ? null : E("attachment", new object[] { E("instanceId", n.AttachedTo), E("deviceIndex", "0"), E("status", "attached") }),
            TagSet(n.Tags))))));
    }

    private FakeReply DeleteNetworkInterface(AwsFakeRequest query)
    {
        var nic = ById(_nics, [query.Required("NetworkInterfaceId")], "InvalidNetworkInterfaceID.NotFound").Single();
        if (nic.AttachedTo is not null)
        {
            throw new AwsFakeException(400, "InvalidNetworkInterface.InUse", $"Interface: [{nic.Id}] in use.");
        }

        RefuseDeleteOf(nic.Id);
        _nics.Remove(nic.Id);
        return Done("DeleteNetworkInterface", query);
    }

    private FakeReply DescribeAddresses(AwsFakeRequest query)
    {
        var found = Filtered(ById(_addresses, query.List("AllocationId"), "InvalidAllocationID.NotFound"), query);
        return FakeReply.Xml(Response("DescribeAddresses", query.RequestId, Set("addressesSet", found.Select(a => Item(
            E("publicIp", a.PublicIp), E("allocationId", a.Id), E("domain", "vpc"), E("networkBorderGroup", "eu-west-1"), TagSet(a.Tags))))));
    }

    private FakeReply ReleaseAddress(AwsFakeRequest query)
    {
        var address = ById(_addresses, [query.Required("AllocationId")], "InvalidAllocationID.NotFound").Single();
        RefuseDeleteOf(address.Id);
        _addresses.Remove(address.Id);
        return Done("ReleaseAddress", query);
    }
}
