using static Failkit.CloudFakes.Aws.Ec2Xml;

namespace Failkit.CloudFakes.Aws;

public sealed partial class AwsFake
{
    private static readonly Dictionary<string, Func<FakeImage, string>> ImageFields = new() { ["name"] = i => i.Name, ["state"] = i => i.State };
    private static readonly Dictionary<string, Func<FakeSnapshot, string>> SnapshotFields = new() { ["status"] = s => s.State };
    private static readonly Dictionary<string, Func<FakeVolume, string>> VolumeFields = new() { ["status"] = v => v.State };

    private FakeReply RegisterImage(AwsFakeRequest query)
    {
        var name = query.Required("Name");
        if (_images.Values.Any(i => i.Name == name))
        {
            throw new AwsFakeException(400, "InvalidAMIName.Duplicate", $"AMI name {name} is already in use by AMI {_images.Values.First(i => i.Name == name).Id}");
        }

        var root = query.Required("RootDeviceName");
        var snapshotId = Enumerable.Range(1, query.Count("BlockDeviceMapping"))
            .Where(i => query[$"BlockDeviceMapping.{i}.DeviceName"] == root)
            .Select(i => query[$"BlockDeviceMapping.{i}.Ebs.SnapshotId"]).FirstOrDefault()
            ?? throw new AwsFakeException(400, "InvalidBlockDeviceMapping", $"No block device mapping for the root device {root}.");
        if (!_snapshots.TryGetValue(snapshotId, out var snapshot))
        {
            throw new AwsFakeException(400, "InvalidSnapshot.NotFound", $"The snapshot '{snapshotId}' does not exist.");
        }

        if (snapshot.State != "completed")
        {
            throw new AwsFakeException(400, "IncorrectState", $"Snapshot {snapshotId} is in invalid state - {snapshot.State}");
        }

        var image = new FakeImage { Id = NewId("ami"), Name = name, RootDeviceName = root, RootSnapshotId = snapshotId, Architecture = query["Architecture"] ?? "x86_64" };
        Tag(image, query.TagsFor("image"));
        _images[image.Id] = image;
        return FakeReply.Xml(Response("RegisterImage", query.RequestId, E("imageId", image.Id)));
    }

    private FakeReply DescribeImages(AwsFakeRequest query)
    {
        RequireOwnSelf(query, "ImageId");

        var found = Filtered(ById(_images, query.List("ImageId"), "InvalidAMIID.NotFound"), query, ImageFields);
        return FakeReply.Xml(Response("DescribeImages", query.RequestId, Set("imagesSet", found.Select(i => Item(
            E("imageId", i.Id), E("imageLocation", $"{AccountId}/{i.Name}"), E("imageState", i.State), E("imageOwnerId", AccountId),
            E("isPublic", "false"), E("architecture", i.Architecture), E("imageType", "machine"), E("name", i.Name),
            E("rootDeviceType", "ebs"), E("rootDeviceName", i.RootDeviceName), E("virtualizationType", "hvm"),
            Set("blockDeviceMapping", [Item(E("deviceName", i.RootDeviceName), E("ebs", new object[] { E("snapshotId", i.RootSnapshotId), E("deleteOnTermination", "true"), E("volumeType", "gp3") }))]),
            TagSet(i.Tags))))));
    }

    private FakeReply DeregisterImage(AwsFakeRequest query)
    {
        var image = ById(_images, [query.Required("ImageId")], "InvalidAMIID.NotFound").Single();
        RefuseDeleteOf(image.Id);
        _images.Remove(image.Id);
        return Done("DeregisterImage", query);
    }

    private FakeReply DescribeSnapshots(AwsFakeRequest query)
    {
        RequireOwnSelf(query, "SnapshotId");
        var found = Filtered(ById(_snapshots, query.List("SnapshotId"), "InvalidSnapshot.NotFound"), query, SnapshotFields);
        foreach (var snapshot in found.Where(s => s.State == "pending" && s.CompletionRequested))
        {
            // EBS finishes a snapshot asynchronously: the first look after CompleteSnapshot still sees it pending.
            if (++snapshot.CompletionPolls > 1)
            {
                snapshot.State = "completed";
            }
        }

        return FakeReply.Xml(Response("DescribeSnapshots", query.RequestId, Set("snapshotSet", found.Select(s => Item(
            E("snapshotId", s.Id), E("volumeId", "vol-ffffffff"), E("status", s.State), E("startTime", Time(DateTimeOffset.UtcNow)),
            E("progress", s.State == "completed" ? "100%" : "0%"), E("ownerId", AccountId), E("volumeSize", s.VolumeSizeGiB),
            E("description", s.Description), E("encrypted", "false"), TagSet(s.Tags))))));
    }

    /// <summary>Without ids or Owner=self, EC2 lists every public image or snapshot in the region: a sweep that forgot
    /// the owner would be slow and wrong, so the fake refuses it.</summary>
    private void RequireOwnSelf(AwsFakeRequest query, string idParameter)
    {
        var owners = query.List("Owner");
        if (owners.Any(o => o != "self" && o != AccountId) || (owners.Count == 0 && query.List(idParameter).Count == 0))
        {
            throw new AwsFakeException(400, "InvalidParameterCombination", $"The fake serves only this account's resources: pass Owner.1=self or {idParameter}.N.");
        }
    }

    private FakeReply DeleteSnapshot(AwsFakeRequest query)
    {
        var snapshot = ById(_snapshots, [query.Required("SnapshotId")], "InvalidSnapshot.NotFound").Single();
        if (_images.Values.FirstOrDefault(i => i.RootSnapshotId == snapshot.Id) is { } user)
        {
            throw new AwsFakeException(400, "InvalidSnapshot.InUse", $"The snapshot {snapshot.Id} is currently in use by {user.Id}");
        }

        RefuseDeleteOf(snapshot.Id);
        _snapshots.Remove(snapshot.Id);
        return Done("DeleteSnapshot", query);
    }

    private FakeReply DescribeVolumes(AwsFakeRequest query)
    {
        var found = Filtered(ById(_volumes, query.List("VolumeId"), "InvalidVolume.NotFound"), query, VolumeFields);
        return FakeReply.Xml(Response("DescribeVolumes", query.RequestId, Set("volumeSet", found.Select(v => Item(
            E("volumeId", v.Id), E("size", v.SizeGiB), E("snapshotId", v.SnapshotId), E("availabilityZone", "eu-west-1a"),
            E("status", v.State), E("createTime", Time(DateTimeOffset.UtcNow)), E("volumeType", "gp3"), E("encrypted", "false"),
            Set("attachmentSet", v.AttachedTo is null ? [] : [Item(E("volumeId", v.Id), E("instanceId", v.AttachedTo), E("device", v.Device), E("status", "attached"), E("deleteOnTermination", Bool(v.DeleteOnTermination)))]),
            TagSet(v.Tags))))));
    }

    private FakeReply DeleteVolume(AwsFakeRequest query)
    {
        var volume = ById(_volumes, [query.Required("VolumeId")], "InvalidVolume.NotFound").Single();
        if (volume.AttachedTo is not null)
        {
            throw new AwsFakeException(400, "VolumeInUse", $"Volume {volume.Id} is currently attached to {volume.AttachedTo}");
        }

        RefuseDeleteOf(volume.Id);
        _volumes.Remove(volume.Id);
        return Done("DeleteVolume", query);
    }
}
