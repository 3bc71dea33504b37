using System.Net;

namespace Failkit.Activities.Notifications.Tests;

public sealed class OutboundAddressGuardTests
{
    [Theory]
    [InlineData("127.0.0.1", "loopback")]
    [InlineData("::1", "loopback")]
    [InlineData("::ffff:127.0.0.1", "loopback")]
    [InlineData("10.0.0.8", "private")]
    [InlineData("172.20.1.1", "private")]
    [InlineData("192.168.0.1", "private")]
    [InlineData("::ffff:10.0.0.8", "private")]
    [InlineData("100.64.0.1", "shared (CGNAT)")]
    [InlineData("169.254.169.254", "link-local")]
    [InlineData("fe80::1", "link-local")]
    [InlineData("fd12:3456::1", "unique-local")]
    [InlineData("224.0.0.251", "multicast")]
    [InlineData("ff02::1", "multicast")]
    [InlineData("0.0.0.0", "unspecified")]
    [InlineData("::", "unspecified")]
    [InlineData("64:ff9b::a00:1", "private")]
    public void NonPublicAddress_IsRefusedByDefault(string address, string reason) =>
        Assert.Equal(reason, new OutboundAddressGuard(new WebhookOptions()).Refusal(IPAddress.Parse(address)));

    [Theory]
    [InlineData("93.184.215.14")]
    [InlineData("2606:2800:21f:cb07:6820:80da:af6b:8b2c")]
    public void PublicAddress_IsAllowed(string address) =>
        Assert.Null(new OutboundAddressGuard(new WebhookOptions()).Refusal(IPAddress.Parse(address)));

    [Fact]
    public void OperatorSwitches_AllowLoopbackAndPrivateSeparately()
    {
        var loopbackOnly = new OutboundAddressGuard(new WebhookOptions { AllowLoopback = true });
        var privateOnly = new OutboundAddressGuard(new WebhookOptions { AllowPrivateNetworks = true });

        Assert.Null(loopbackOnly.Refusal(IPAddress.Loopback));
        Assert.Equal("private", loopbackOnly.Refusal(IPAddress.Parse("10.0.0.1")));
        Assert.Null(privateOnly.Refusal(IPAddress.Parse("10.0.0.1")));
        Assert.Equal("loopback", privateOnly.Refusal(IPAddress.Loopback));
        Assert.Equal("multicast", privateOnly.Refusal(IPAddress.Parse("239.1.1.1")));
    }
}
