using System.Text.RegularExpressions;

namespace Failkit.Activities.Gcp.Tests;

public sealed class GcpNamesTests
{
    [Fact]
    public void RequestId_IsAStableUuid_PerKeyAndPurpose()
    {
        var id = GcpNames.RequestId("instances.insert", "drill:vm:launch");

        Assert.Equal(id, GcpNames.RequestId("instances.insert", "drill:vm:launch"));
        Assert.NotEqual(id, GcpNames.RequestId("images.insert", "drill:vm:launch"));
        Assert.NotEqual(id, GcpNames.RequestId("instances.insert", "drill:vm:launch2"));
        Assert.Matches("^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$", id);
    }

    [Theory]
    [InlineData("WEB_Server.01")]
    [InlineData("9-lives")]
    [InlineData("")]
    [InlineData("a-very-long-virtual-machine-name-that-goes-on-and-on-and-on-forever")]
    public void Resource_IsAValidGceName(string vm)
    {
        var name = GcpNames.Resource(vm, "key");

        Assert.Matches(new Regex("^[a-z]([-a-z0-9]{0,61}[a-z0-9])?$"), name);
        Assert.True(name.Length + 3 <= 63, "the disk suffix -dN must still fit");
        Assert.NotEqual(name, GcpNames.Resource(vm, "other-key"));
    }

    [Fact]
    public void Label_KeepsOnlyWhatGcpAllows()
    {
        Assert.Equal("cost-center", GcpNames.Label("Cost Center"));
        Assert.Equal(63, GcpNames.Label(new string('x', 80)).Length);
    }
}
