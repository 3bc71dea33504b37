using System.Security.Cryptography;
using System.Text;
using Failkit.Management.Tenants;
using Failkit.Management.Tests.Fixtures;
using Failkit.Management.Tokens;

namespace Failkit.Management.Tests.Tokens;

public sealed class BootstrapTokensTests : IAsyncLifetime
{
    private ManagementServices _m = null!;
    private Tenant _a = null!;
    private Tenant _b = null!;

    private BootstrapTokens Tokens => _m.Get<BootstrapTokens>();

    public async ValueTask InitializeAsync()
    {
        _m = await ManagementServices.CreateAsync();
        _a = (await _m.Get<TenantRegistry>().CreateAsync("tenant-a", TenantTier.Standard))!;
        _b = (await _m.Get<TenantRegistry>().CreateAsync("tenant-b", TenantTier.Enterprise))!;
    }

    public async ValueTask DisposeAsync() => await _m.DisposeAsync();

    [Fact]
    public async Task Mint_StoresOnlyTheHash()
    {
        var minted = (await Tokens.MintAsync(_a.Id, BootstrapTokenPurpose.Owner))!;
        Assert.Equal(43, minted.Token.Length);
        Assert.Equal(_m.Time.GetUtcNow().AddMinutes(5), minted.ExpiresAt);
        var stored = await _m.ScalarAsync<byte[]>("SELECT token_hash FROM management.bootstrap_tokens WHERE id = $1", minted.Id);
        Assert.Equal(SHA256.HashData(Encoding.UTF8.GetBytes(minted.Token)), stored);
        Assert.Equal(0L, await _m.ScalarAsync<long>(
            "SELECT count(*) FROM management.bootstrap_tokens t WHERE position($1 in t::text) > 0", minted.Token));
    }

    [Fact]
    public async Task Redeem_Twice_SecondIsRefusedAsUsed()
    {
        var minted = (await Tokens.MintAsync(_a.Id, BootstrapTokenPurpose.Owner))!;
        var first = await Tokens.RedeemAsync(_a.Id, minted.Token, BootstrapTokenPurpose.Owner);
        var replay = await Tokens.RedeemAsync(_a.Id, minted.Token, BootstrapTokenPurpose.Owner);
        Assert.Equal(_a.Id, first.TenantId);
        Assert.Equal(TokenFailure.Used, replay.Failure);
        Assert.Null(replay.TenantId);
    }

    [Fact]
    public async Task Redeem_AfterFiveMinutes_IsRefusedAsExpired()
    {
        var late = (await Tokens.MintAsync(_a.Id, BootstrapTokenPurpose.Owner))!;
        var inTime = (await Tokens.MintAsync(_a.Id, BootstrapTokenPurpose.Owner))!;
        _m.Time.Advance(TimeSpan.FromMinutes(5) - TimeSpan.FromSeconds(1));
        Assert.True((await Tokens.RedeemAsync(_a.Id, inTime.Token, BootstrapTokenPurpose.Owner)).Succeeded);
        _m.Time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(TokenFailure.Expired, (await Tokens.RedeemAsync(_a.Id, late.Token, BootstrapTokenPurpose.Owner)).Failure);
    }

    [Fact]
    public async Task Redeem_ForAnotherTenant_IsRefusedAndStaysValidForItsOwn()
    {
        var minted = (await Tokens.MintAsync(_a.Id, BootstrapTokenPurpose.Owner))!;
        Assert.Equal(TokenFailure.WrongTenant, (await Tokens.RedeemAsync(_b.Id, minted.Token, BootstrapTokenPurpose.Owner)).Failure);
        Assert.Equal(_a.Id, (await Tokens.RedeemAsync(_a.Id, minted.Token, BootstrapTokenPurpose.Owner)).TenantId);
    }

    [Fact]
    public async Task Redeem_ForAnotherPurposeOrUnknown_IsRefused()
    {
        var agent = (await Tokens.MintAsync(_a.Id, BootstrapTokenPurpose.Agent))!;
        Assert.Equal(TokenFailure.WrongPurpose, (await Tokens.RedeemAsync(_a.Id, agent.Token, BootstrapTokenPurpose.Owner)).Failure);
        Assert.Equal(TokenFailure.Unknown, (await Tokens.RedeemAsync("not-a-token", BootstrapTokenPurpose.Agent)).Failure);
        Assert.Equal(_a.Id, (await Tokens.RedeemAsync(agent.Token, BootstrapTokenPurpose.Agent)).TenantId);
    }

    [Fact]
    public async Task TwentyConcurrentRedemptions_ExactlyOneWins()
    {
        var minted = (await Tokens.MintAsync(_a.Id, BootstrapTokenPurpose.Agent))!;
        using var start = new ManualResetEventSlim();
        var attempts = Enumerable.Range(0, 20).Select(_ => Task.Run(async () =>
        {
            start.Wait();
            return await Tokens.RedeemAsync(minted.Token, BootstrapTokenPurpose.Agent);
        })).ToList();
        start.Set();
        var results = await Task.WhenAll(attempts);
        Assert.Single(results, r => r.Succeeded);
        Assert.All(results.Where(r => !r.Succeeded), r => Assert.Equal(TokenFailure.Used, r.Failure));
    }

    [Fact]
    public async Task SuspendedTenant_CannotMintOrRedeem()
    {
        var minted = (await Tokens.MintAsync(_a.Id, BootstrapTokenPurpose.Owner))!;
        await _m.Get<TenantRegistry>().SetStatusAsync("tenant-a", TenantStatus.Suspended);
        Assert.Null(await Tokens.MintAsync(_a.Id, BootstrapTokenPurpose.Owner));
        Assert.Equal(TokenFailure.TenantInactive, (await Tokens.RedeemAsync(_a.Id, minted.Token, BootstrapTokenPurpose.Owner)).Failure);
    }
}
