using System.Net;
using Failkit.Tenancy.Audit;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Failkit.Tenancy.Tests.Audit;

public sealed class AuditSourceTests
{
    [Fact]
    public void FromTheGatewayOnLoopback_TheForwardedClientIsTheSource()
    {
        Assert.Equal("203.0.113.7", AuditSource.Of(Request("127.0.0.1", "203.0.113.7")));
        Assert.Equal("2001:db8::5", AuditSource.Of(Request("::1", "2001:db8::5")));
    }

    [Fact]
    public void SeveralForwardedAddresses_TheLastOneCounts_ItIsTheOneTheGatewayAppended()
    {
        Assert.Equal("198.51.100.9", AuditSource.Of(Request("127.0.0.1", "10.9.9.9, 198.51.100.9")));
    }

    [Fact]
    public void FromAnUntrustedPeer_TheForwardedHeaderIsIgnored()
    {
        Assert.Equal("192.0.2.44", AuditSource.Of(Request("192.0.2.44", "203.0.113.7")));
    }

    [Fact]
    public void FromAConfiguredProxy_TheForwardedClientIsTheSource()
    {
        Assert.Equal("203.0.113.7", AuditSource.Of(Request("10.0.0.5", "203.0.113.7", trusted: "10.0.0.4, 10.0.0.5")));
        Assert.Equal("10.0.0.6", AuditSource.Of(Request("10.0.0.6", "203.0.113.7", trusted: "10.0.0.4, 10.0.0.5")));
    }

    [Fact]
    public void WithoutAHeader_OrWithGarbage_ThePeerIsTheSource_InPlainIpv4()
    {
        Assert.Equal("192.0.2.1", AuditSource.Of(Request("::ffff:192.0.2.1", null)));
        Assert.Equal("127.0.0.1", AuditSource.Of(Request("127.0.0.1", "not-an-address")));
    }

    [Fact]
    public void EntryFor_TakesActorClaimAndSource()
    {
        var http = Request("127.0.0.1", "203.0.113.7");
        http.User = new System.Security.Claims.ClaimsPrincipal(new System.Security.Claims.ClaimsIdentity(
            [new System.Security.Claims.Claim(AuditEntry.ActorClaim, "user:ann@example.test")], "test"));

        var entry = AuditEntry.For(http, "thing.changed", "t-1").Change(new { size = 1 }, new { size = 2 });

        Assert.Equal(("thing.changed", "user:ann@example.test", "t-1", "203.0.113.7"), (entry.Kind, entry.Actor, entry.Target, entry.Source));
        Assert.Equal("""{"size":1}""", entry.Before);
        Assert.Equal("""{"size":2}""", entry.After);
    }

    private static DefaultHttpContext Request(string peer, string? forwardedFor, string? trusted = null)
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [AuditSource.TrustedProxiesKey] = trusted }).Build();
        var http = new DefaultHttpContext { RequestServices = new ServiceCollection().AddSingleton<IConfiguration>(config).BuildServiceProvider() };
        http.Connection.RemoteIpAddress = IPAddress.Parse(peer);
        if (forwardedFor is not null)
        {
            http.Request.Headers["X-Forwarded-For"] = forwardedFor;
        }

        return http;
    }
}
