using System.Text;
using Failkit.Drills.Cloud;
using Failkit.CloudFakes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Failkit.Activities.Azure.Tests;

/// <summary>A whole drill of three VMs through the session API, as the drill activities will drive it.</summary>
public sealed class AzureDrillTests
{
    private const int BlockSize = 4096;

    [Fact]
    public async Task ThreeVmDrill_HydratesBootsProbesAndTearsDown_SweepFindsNothing()
    {
        await using var rig = await AzureRig.StartAsync();
        await using var app = await FakeServer.StartAsync(a => a.MapGet("/health", () => Results.Text("healthy")));
        rig.Fake.PrivateAddressFor = _ => "127.0.0.1";
        rig.Fake.RunScript = (_, script) => script.Contains("systemctl is-active app", StringComparison.Ordinal) ? (0, "active") : (3, "inactive");
        var port = app.BaseAddress.Port;
        var drill = DrillTags.ValueFor(Guid.NewGuid());
        var blocks = new Dictionary<string, Dictionary<long, byte[]>>
        {
            ["web-1"] = AzureRig.Filled(BlockSize, (0, 0xEB), (3, 0x11)),
            ["app-1"] = AzureRig.Filled(BlockSize, (1, 0x22), (2, 0x23), (1100, 0x24)),
            ["db-1"] = AzureRig.Filled(BlockSize, (7, 0x7F)),
        };
        await using var session = rig.Provider.Open(rig.Account);

        var results = await Task.WhenAll(blocks.Select(async vm =>
        {
            var disk = await session.HydrateAsync(new HydrateRequest(drill, vm.Key, $"{drill}/{vm.Key}/disk0",
                AzureRig.Image("disk0", 5L << 20, BlockSize, vm.Value), new Dictionary<string, string>()), default);
            var instance = await session.LaunchAsync(new LaunchRequest(drill, vm.Key, $"{drill}/{vm.Key}/vm", [disk], "small", new Dictionary<string, string>()), default);
            var states = new List<InstanceState>();
            for (var i = 0; i < 20 && states.LastOrDefault() is not { Phase: InstancePhase.Running, StatusChecksPassed: true }; i++)
            {
                states.Add(await session.GetStateAsync(instance, default));
            }

            var probes = new[]
            {
                await session.ProbeAsync(instance, new ProbeSpec("http", ProbeKind.Http, Url: $"http://{{address}}:{port}/health", ExpectedBody: "healthy"), default),
                await session.ProbeAsync(instance, new ProbeSpec("tcp", ProbeKind.Tcp, Port: port), default),
                await session.ProbeAsync(instance, new ProbeSpec("service", ProbeKind.Script, Script: "systemctl is-active app"), default),
                await session.ProbeAsync(instance, new ProbeSpec("missing", ProbeKind.Script, Script: "systemctl is-active nope"), default),
            };
            return (Vm: vm.Key, Disk: disk, Instance: instance, States: states, Probes: probes);
        }));

        foreach (var r in results)
        {
            AssertBlobHoldsExactly(rig.BlobOf(r.Vm), blocks[r.Vm], 5L << 20);
            Assert.Equal("127.0.0.1", r.Instance.PrivateAddress);
            Assert.Contains(r.States, s => s is { Phase: InstancePhase.Running, StatusChecksPassed: false });
            Assert.Equal(InstancePhase.Running, r.States[^1].Phase);
            Assert.True(r.States[^1].StatusChecksPassed);
            Assert.Contains("boot complete", r.States[^1].ConsoleTail, StringComparison.Ordinal);
            Assert.All(r.Probes[..3], p => Assert.True(p.Passed, p.Detail));
            Assert.False(r.Probes[3].Passed);
            Assert.Contains("exit status=3", r.Probes[3].Detail, StringComparison.Ordinal);
            Assert.NotNull(r.Probes[2].RequestId);
            Assert.NotEmpty(r.Instance.RequestIds);
        }

        AssertCreatedAsAsked(rig, drill);
        Assert.Equal(6, rig.Fake.RunCommands.Count);

        var teardown = await session.TeardownAsync(drill, default);
        Assert.Empty(teardown.Failures);
        Assert.Equal(["blob", "blob", "blob", "disk", "disk", "disk", "instance", "instance", "instance", "nic", "nic", "nic"], teardown.Deleted.Select(d => d.Type).Order());
        Assert.Empty(await session.SweepAsync(drill, default));
        Assert.Empty(rig.Fake.Resources());
        Assert.Empty(rig.Fake.BlobNames(AzureRig.StorageAccount, AzureRig.Container));
    }

    private static void AssertBlobHoldsExactly(Failkit.CloudFakes.Azure.FakePageBlob blob, Dictionary<long, byte[]> blocks, long diskSize)
    {
        Assert.Equal(diskSize + 512, blob.Size);
        var expectedPages = blocks.Keys
            .SelectMany(i => Enumerable.Range(0, BlockSize / 512).Select(p => (i * BlockSize) + (p * 512L)))
            .Append(diskSize)
            .Order();
        Assert.Equal(expectedPages, blob.NonZeroPageOffsets());
        foreach (var (index, data) in blocks)
        {
            Assert.Equal(data, blob.Read(index * BlockSize, BlockSize));
        }

        Assert.Equal("conectix", Encoding.ASCII.GetString(blob.Read(diskSize, 8)));
        Assert.All(blob.Writes, w => Assert.True(w.Offset % 512 == 0 && w.Length % 512 == 0 && w.Length <= 4 << 20));
    }

    private static void AssertCreatedAsAsked(AzureRig rig, string drill)
    {
        var vms = rig.Fake.Resources("Microsoft.Compute/virtualMachines");
        Assert.Equal(3, vms.Count);
        Assert.All(vms, vm =>
        {
            Assert.Equal("Standard_B2s", vm.Properties["hardwareProfile"]!["vmSize"]!.GetValue<string>());
            Assert.Equal("Attach", vm.Properties["storageProfile"]!["osDisk"]!["createOption"]!.GetValue<string>());
            Assert.Equal(drill, vm.Tags[DrillTags.Key]);
            Assert.Equal("failkit", vm.Tags["owner"]);
        });
        var nics = rig.Fake.Resources("Microsoft.Network/networkInterfaces");
        Assert.Equal(3, nics.Count);
        Assert.All(nics, nic =>
        {
            var subnet = nic.Properties["ipConfigurations"]![0]!["properties"]!["subnet"]!["id"]!.GetValue<string>();
            Assert.EndsWith($"/resourceGroups/{AzureRig.ResourceGroup}/providers/Microsoft.Network/virtualNetworks/vnet-drill/subnets/snet-isolated", subnet, StringComparison.Ordinal);
            Assert.EndsWith("/networkSecurityGroups/nsg-deny-prod", nic.Properties["networkSecurityGroup"]!["id"]!.GetValue<string>(), StringComparison.Ordinal);
            Assert.Equal(drill, nic.Tags[DrillTags.Key]);
        });
        var disks = rig.Fake.Resources("Microsoft.Compute/disks");
        Assert.Equal(3, disks.Count);
        Assert.All(disks, d =>
        {
            Assert.Equal("Import", d.Properties["creationData"]!["createOption"]!.GetValue<string>());
            Assert.Equal(5L << 20, d.Properties["diskSizeBytes"]!.GetValue<long>());
            Assert.Equal(drill, d.Tags[DrillTags.Key]);
            Assert.NotNull(d.ManagedBy);
        });
    }
}
