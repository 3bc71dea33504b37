using Failkit.Identity.Bootstrap;
using Failkit.Identity.Tests.Fixtures;

namespace Failkit.Identity.Tests.Bootstrap;

/// <summary>The production HTTP client against a management endpoint on a loopback socket.</summary>
public sealed class HttpBootstrapTokenRedeemerTests(SharedPlane shared)
{
    [Fact]
    public async Task EachAnswer_MapsToItsOutcome()
    {
        await using var management = await FakeManagementPlane.StartAsync();
        await using var plane = await TenantPlane.StartAsync(management: management.Url);
        var redeemer = plane.Get<IBootstrapTokenRedeemer>();
        var ct = TestContext.Current.CancellationToken;
        var token = management.Mint(plane.Slug);

        Assert.Equal(BootstrapRedemption.For(plane.TenantId), await redeemer.RedeemAsync(token, ct));
        Assert.Equal(BootstrapFailure.Used, (await redeemer.RedeemAsync(token, ct)).Failure);
        Assert.Equal(BootstrapFailure.Unknown, (await redeemer.RedeemAsync("nope", ct)).Failure);
        Assert.Equal(BootstrapFailure.WrongTenant, (await redeemer.RedeemAsync(management.Mint("someone-else"), ct)).Failure);
        Assert.Equal(BootstrapFailure.Expired, (await redeemer.RedeemAsync(management.Mint(plane.Slug, TimeSpan.FromSeconds(-1)), ct)).Failure);
        management.ForcedStatus = 401;
        Assert.Equal(BootstrapFailure.Unavailable, (await redeemer.RedeemAsync(management.Mint(plane.Slug), ct)).Failure);
    }

    [Fact]
    public async Task ManagementDown_IsUnavailable()
    {
        var result = await shared.Plane.Get<IBootstrapTokenRedeemer>().RedeemAsync("anything", TestContext.Current.CancellationToken);
        Assert.Equal(BootstrapFailure.Unavailable, result.Failure);
    }
}
