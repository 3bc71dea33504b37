using System.Text;
using System.Xml.Linq;
using static Failkit.CloudFakes.Aws.Ec2Xml;

namespace Failkit.CloudFakes.Aws;

public sealed partial class AwsFake
{
    private static readonly Dictionary<string, Func<FakeInstance, string>> InstanceFields = new()
    {
        ["instance-state-name"] = i => i.State,
        ["instance-id"] = i => i.Id,
        ["subnet-id"] = i => i.SubnetId,
    };

    private FakeReply RunInstances(AwsFakeRequest query)
    {
        var token = query["ClientToken"];
        var previous = token is null ? [] : _instances.Values.Where(i => i.ClientToken == token).ToList();
        if (previous.Count > 0)
        {
            return previous[0].ImageId == query["ImageId"]
                ? Reservation("RunInstances", query, previous)
                : throw new AwsFakeException(400, "IdempotentParameterMismatch", "The client token you have provided is associated with a resource that is already deleted or has different parameters.");
        }

        var imageId = query.Required("ImageId");
        if (!_images.TryGetValue(imageId, out var image) || image.State != "available")
        {
            throw new AwsFakeException(400, "InvalidAMIID.NotFound", $"The image id '[{imageId}]' does not exist");
        }

        var subnet = query["NetworkInterface.1.SubnetId"] ?? query["SubnetId"]
            ?? throw new AwsFakeException(400, "MissingParameter", "No subnet given; the drill network must be explicit.");
        var groups = query.List("NetworkInterface.1.SecurityGroupId") is { Count: > 0 } nicGroups ? nicGroups : query.List("SecurityGroupId");
        var reservationId = NewId("r");
        var launched = new List<FakeInstance>();
        for (var n = 0; n < query.Int("MaxCount", 1); n++)
        {
            var instance = new FakeInstance
            {
                Id = NewId("i"),
                ReservationId = reservationId,
                ImageId = imageId,
                InstanceType = query.Required("InstanceType"),
                SubnetId = subnet,
                SecurityGroups = groups,
                PrivateAddress = PrivateAddress,
                NetworkInterfaceId = NewId("eni"),
                ClientToken = token,
                AssociatePublicIp = query.Flag("NetworkInterface.1.AssociatePublicIpAddress"),
                MetadataHttpTokens = query["MetadataOptions.HttpTokens"],
                InstanceProfile = query["IamInstanceProfile.Arn"] ?? query["IamInstanceProfile.Name"],
            };
            Tag(instance, query.TagsFor("instance"));
            var nic = new FakeNetworkInterface { Id = instance.NetworkInterfaceId, SubnetId = subnet, PrivateAddress = PrivateAddress, AttachedTo = instance.Id };
            Tag(nic, query.TagsFor("network-interface"));
            _nics[nic.Id] = nic;
            AttachVolume(instance, image.RootSnapshotId, image.RootDeviceName, true, query);
            for (var i = 1; query[$"BlockDeviceMapping.{i}.DeviceName"] is { } device; i++)
            {
                var snapshot = query[$"BlockDeviceMapping.{i}.Ebs.SnapshotId"] ?? throw new AwsFakeException(400, "InvalidBlockDeviceMapping", $"{device} has no snapshot.");
                AttachVolume(instance, snapshot, device, !string.Equals(query[$"BlockDeviceMapping.{i}.Ebs.DeleteOnTermination"], "false", StringComparison.Ordinal), query);
            }

            _instances[instance.Id] = instance;
            launched.Add(instance);
        }

        return Reservation("RunInstances", query, launched);
    }

    private void AttachVolume(FakeInstance instance, string snapshotId, string device, bool deleteOnTermination, AwsFakeRequest query)
    {
        if (!_snapshots.TryGetValue(snapshotId, out var snapshot) || snapshot.State != "completed")
        {
            throw new AwsFakeException(400, "InvalidSnapshot.NotFound", $"The snapshot '{snapshotId}' does not exist or is not completed.");
        }

        var volume = new FakeVolume
        {
            Id = NewId("vol"),
            SnapshotId = snapshotId,
            SizeGiB = snapshot.VolumeSizeGiB,
            AttachedTo = instance.Id,
            Device = device,
            DeleteOnTermination = deleteOnTermination,
        };
        Tag(volume, query.TagsFor("volume"));
        _volumes[volume.Id] = volume;
        instance.VolumeIds.Add(volume.Id);
    }

    private FakeReply DescribeInstances(AwsFakeRequest query)
    {
        var matched = ById(_instances, query.List("InstanceId"), "InvalidInstanceID.NotFound").ToList();
        foreach (var instance in matched)
        {
            Advance(instance);
        }

        var found = Filtered(matched, query, InstanceFields);
        return FakeReply.Xml(Response("DescribeInstances", query.RequestId,
            Set("reservationSet", found.GroupBy(i => i.ReservationId).Select(r => ReservationXml(r.Key, r)))));
    }

    private FakeReply DescribeInstanceStatus(AwsFakeRequest query)
    {
        var all = query.Flag("IncludeAllInstances");
        var found = Filtered(ById(_instances, query.List("InstanceId"), "InvalidInstanceID.NotFound"), query, InstanceFields)
            .Where(i => all || i.State == "running").ToList();
        return FakeReply.Xml(Response("DescribeInstanceStatus", query.RequestId, Set("instanceStatusSet", found.Select(i =>
        {
            var status = i.State != "running" ? "not-applicable" : ++i.StatusPolls > StatusPollsUntilOk ? "ok" : "initializing";
            var detail = status == "ok" ? "passed" : "initializing";
            XElement Summary(string name) => E(name, new object[]
            {
                E("status", status),
                Set("details", [Item(E("name", "reachability"), E("status", detail))]),
            });
            return Item(E("instanceId", i.Id), E("availabilityZone", "eu-west-1a"), State("instanceState", i.State),
                Summary("systemStatus"), Summary("instanceStatus"));
        }))));
    }

    private FakeReply GetConsoleOutput(AwsFakeRequest query)
    {
        var instance = ById(_instances, [query.Required("InstanceId")], "InvalidInstanceID.NotFound").Single();
        var output = instance.State == "pending" ? null : Convert.ToBase64String(Encoding.UTF8.GetBytes(ConsoleOutput(instance)));
        return FakeReply.Xml(Response("GetConsoleOutput", query.RequestId,
            E("instanceId", instance.Id), E("timestamp", Time(DateTimeOffset.UtcNow)), E("output", output)));
    }

    private FakeReply TerminateInstances(AwsFakeRequest query)
    {
        var ids = query.List("InstanceId");
        var instances = ById(_instances, ids.Count == 0 ? throw new AwsFakeException(400, "MissingParameter", "InstanceId is required") : ids, "InvalidInstanceID.NotFound").ToList();
        foreach (var instance in instances)
        {
            RefuseDeleteOf(instance.Id);
        }

        var items = new List<XElement>();
        foreach (var instance in instances)
        {
            var before = instance.State;
            if (before != "terminated")
            {
                instance.State = "shutting-down";
            }

            items.Add(Item(E("instanceId", instance.Id), State("currentState", instance.State), State("previousState", before)));
        }

        return FakeReply.Xml(Response("TerminateInstances", query.RequestId, Set("instancesSet", items)));
    }

    /// <summary>Each look moves an instance on: pending → running after <see cref="PollsUntilRunning"/> looks,
    /// shutting-down → terminated on the next look, which releases its NIC and delete-on-termination volumes.</summary>
    private void Advance(FakeInstance instance)
    {
        if (instance.State == "pending" && ++instance.StatePolls >= PollsUntilRunning)
        {
            instance.State = "running";
        }
        else if (instance.State == "shutting-down")
        {
            instance.State = "terminated";
            if (_nics.TryGetValue(instance.NetworkInterfaceId, out var nic))
            {
                nic.AttachedTo = null;
                nic.Status = "available";
                if (!_undeletable.Contains(nic.Id))
                {
                    _nics.Remove(nic.Id);
                }
            }

            foreach (var volume in instance.VolumeIds.Select(id => _volumes.GetValueOrDefault(id)).OfType<FakeVolume>())
            {
                volume.AttachedTo = null;
                volume.State = "available";
                if (volume.DeleteOnTermination && !_undeletable.Contains(volume.Id))
                {
                    _volumes.Remove(volume.Id);
                }
            }
        }
    }

    private FakeReply Reservation(string action, AwsFakeRequest query, List<FakeInstance> instances) =>
        FakeReply.Xml(Response(action, query.RequestId, ReservationXml(instances[0].ReservationId, instances).Nodes().ToArray()));

    private XElement ReservationXml(string reservationId, IEnumerable<FakeInstance> instances) =>
        Item(E("reservationId", reservationId), E("ownerId", AccountId), Set("groupSet", []), Set("instancesSet", instances.Select(InstanceXml)));

    private XElement InstanceXml(FakeInstance i) => Item(
        E("instanceId", i.Id),
        E("imageId", i.ImageId),
        State("instanceState", i.State),
        E("privateDnsName", $"ip-{i.PrivateAddress.Replace('.', '-')}.eu-west-1.compute.internal"),
        E("dnsName", ""),
        E("instanceType", i.InstanceType),
        E("launchTime", Time(DateTimeOffset.UtcNow)),
        E("placement", E("availabilityZone", "eu-west-1a")),
        E("subnetId", i.SubnetId),
        E("vpcId", "vpc-0fa11c17"),
        E("privateIpAddress", i.PrivateAddress),
        Set("groupSet", i.SecurityGroups.Select(g => Item(E("groupId", g), E("groupName", g)))),
        E("rootDeviceType", "ebs"),
        E("rootDeviceName", "/dev/xvda"),
        Set("blockDeviceMapping", i.VolumeIds.Where(_volumes.ContainsKey).Select(v => Item(E("deviceName", _volumes[v].Device),
            E("ebs", new object[] { E("volumeId", v), E("status", "attached"), E("deleteOnTermination", Bool(_volumes[v].DeleteOnTermination)) })))),
        Set("networkInterfaceSet", [Item(E("networkInterfaceId", i.NetworkInterfaceId), E("subnetId", i.SubnetId), E("privateIpAddress", i.PrivateAddress), E("status", "in-use"))]),
        E("clientToken", i.ClientToken),
        i.State is "shutting-down" or "terminated"
            ? E("stateReason", new object[] { E("code", "Client.UserInitiatedShutdown"), E("message", "Client.UserInitiatedShutdown: User initiated shutdown") })
            : null,
        TagSet(i.Tags));

    private static void Tag(AwsFakeResource resource, Dictionary<string, string> tags)
    {
        foreach (var (key, value) in tags)
        {
            resource.Tags[key] = value;
        }
    }
}
