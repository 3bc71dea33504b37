namespace Failkit.Gateway.Tests;

public class GatewayHostTests
{
    [Theory]
    [InlineData("localhost", GatewayTarget.Management, null)]
    [InlineData("acme.localhost", GatewayTarget.Tenant, "acme")]
    [InlineData("ACME.LOCALHOST", GatewayTarget.Tenant, "acme")]
    [InlineData("b.acme.localhost", GatewayTarget.None, null)]
    [InlineData("acmelocalhost", GatewayTarget.None, null)]
    [InlineData("acme.localhost.", GatewayTarget.None, null)]
    [InlineData("acme_x.localhost", GatewayTarget.None, null)]
    [InlineData(".localhost", GatewayTarget.None, null)]
    [InlineData("", GatewayTarget.None, null)]
    public void Parse_TakesExactlyOneLabelBeforeTheDomain(string host, GatewayTarget target, string? slug)
    {
        Assert.Equal(target, GatewayHost.Parse(host, "localhost", out var parsed));
        Assert.Equal(slug, parsed);
    }
}
