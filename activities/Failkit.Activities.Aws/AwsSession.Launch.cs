using Amazon.EC2;
using Amazon.EC2.Model;
using Failkit.Drills.Cloud;

namespace Failkit.Activities.Aws;

public sealed partial class AwsSession
{
    /// <summary>RunInstances with the idempotency key as ClientToken: EC2 answers a repeated token with the original
    /// reservation instead of launching again. No public address, IMDSv2 only, the drill's subnet and security group.</summary>
    public async Task<CloudInstance> LaunchAsync(LaunchRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Disks.Count == 0)
        {
            throw new ArgumentException($"VM {request.VmName}: a launch needs a boot disk.", nameof(request));
        }

        var requestIds = new List<string>();
        var tags = TagsFor(request.DrillTagValue, request.VmName, request.Tags);
        var instanceType = _account.InstanceTypes.TryGetValue(request.InstanceType, out var mapped) ? mapped : request.InstanceType;
        var run = new RunInstancesRequest
        {
            ImageId = request.Disks[0].Id,
            InstanceType = InstanceType.FindValue(instanceType),
            MinCount = 1,
            MaxCount = 1,
            ClientToken = ClientTokens.For(request.IdempotencyKey),
            NetworkInterfaces =
            [
                new InstanceNetworkInterfaceSpecification
                {
                    DeviceIndex = 0,
                    SubnetId = _settings.Subnet,
                    Groups = [_settings.SecurityGroup],
                    AssociatePublicIpAddress = false,
                    DeleteOnTermination = true,
                },
            ],
            MetadataOptions = new InstanceMetadataOptionsRequest { HttpTokens = HttpTokensState.Required },
            IamInstanceProfile = Profile(_settings.InstanceProfile),
            BlockDeviceMappings = await DataDisksAsync(request.Disks, requestIds, ct),
            TagSpecifications = [Spec(ResourceType.Instance, tags), Spec(ResourceType.Volume, tags), Spec(ResourceType.NetworkInterface, tags)],
        };
        var response = await CallAsync("RunInstances", c => _ec2.RunInstancesAsync(run, c), ct);
        Add(requestIds, response.ResponseMetadata?.RequestId);
        var instance = response.Reservation?.Instances?.FirstOrDefault()
            ?? throw new CloudOperationException($"RunInstances for {request.VmName} returned no instance.", null, response.ResponseMetadata?.RequestId);
        return new CloudInstance(instance.InstanceId, instance.PrivateIpAddress, requestIds);
    }

    /// <summary>SSM run-command needs an instance profile allowing the SSM agent in; an ARN or a name.</summary>
    private static IamInstanceProfileSpecification? Profile(string? profile) => profile switch
    {
        null => null,
        _ when profile.StartsWith("arn:", StringComparison.Ordinal) => new IamInstanceProfileSpecification { Arn = profile },
        _ => new IamInstanceProfileSpecification { Name = profile },
    };

    /// <summary>Disks after the first are attached from their AMI's snapshot (an AMI cannot be a data disk).</summary>
    private async Task<List<BlockDeviceMapping>?> DataDisksAsync(IReadOnlyList<CloudDisk> disks, List<string> requestIds, CancellationToken ct)
    {
        if (disks.Count < 2)
        {
            return null;
        }

        var ids = disks.Skip(1).Select(d => d.Id).ToList();
        var response = await CallAsync("DescribeImages", c => _ec2.DescribeImagesAsync(new DescribeImagesRequest { ImageIds = ids }, c), ct);
        Add(requestIds, response.ResponseMetadata?.RequestId);
        var mappings = new List<BlockDeviceMapping>();
        for (var i = 0; i < ids.Count; i++)
        {
            var image = response.Images?.FirstOrDefault(im => im.ImageId == ids[i]);
            var snapshot = image?.BlockDeviceMappings?.FirstOrDefault(m => m.DeviceName == image.RootDeviceName)?.Ebs?.SnapshotId
                ?? throw new CloudOperationException($"Image {ids[i]} has no root snapshot to attach as a data disk.", "InvalidAMIID.NotFound", response.ResponseMetadata?.RequestId);
            mappings.Add(new BlockDeviceMapping
            {
                DeviceName = $"/dev/sd{(char)('f' + i)}",
                Ebs = new EbsBlockDevice { SnapshotId = snapshot, DeleteOnTermination = true, VolumeType = VolumeType.Gp3 },
            });
        }

        return mappings;
    }
}
