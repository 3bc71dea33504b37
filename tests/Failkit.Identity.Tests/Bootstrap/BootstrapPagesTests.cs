using System.Net;
using Failkit.Identity.Bootstrap;
using Failkit.Identity.Pages;
using Failkit.Identity.Tests.Fixtures;

namespace Failkit.Identity.Tests.Bootstrap;

/// <summary>The tenant plane's side of bootstrap tokens: the page against a management plane on a loopback socket
/// that applies the single-use, expiry and tenant rules; each refusal is a clear message, and one owner at most.</summary>
public sealed class BootstrapPagesTests
{
    [Fact]
    public async Task ValidToken_CreatesTheOwner_SignsIn_AndTheTokenIsSpent()
    {
        await using var management = await FakeManagementPlane.StartAsync();
        await using var plane = await TenantPlane.StartAsync(management: management.Url);
        var token = management.Mint(plane.Slug);
        using var browser = plane.Browser();
        var response = await RedeemAsync(browser, token, "owner@example.test");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var home = await browser.Client.GetStringAsync("/");
        Assert.Contains("owner@example.test", home, StringComparison.Ordinal);
        Assert.Contains("owner", home, StringComparison.Ordinal);

        var (path, authorization, body) = Assert.Single(management.Requests);
        Assert.Equal($"/internal/planes/{plane.Slug}/bootstrap-tokens/redeem", path);
        Assert.Equal("PlaneKey " + TenantPlane.PlaneKey, authorization);
        Assert.Contains(token, body, StringComparison.Ordinal);
        Assert.Equal(1L, await Db.ScalarAsync<long>(plane.Tenant.AppConnectionString, "SELECT count(*) FROM identity.audit_events WHERE kind = 'bootstrap.owner-created'"));
    }

    [Fact]
    public async Task Expired_Replayed_WrongTenant_Unknown_EachGetTheirMessage_AndNoOwner()
    {
        await using var management = await FakeManagementPlane.StartAsync();
        await using var plane = await TenantPlane.StartAsync(management: management.Url);
        await using var other = await TenantPlane.StartAsync(management: management.Url);
        using var browser = plane.Browser();

        var expired = management.Mint(plane.Slug, TimeSpan.FromMilliseconds(-1));
        await AssertRefusedAsync(browser, expired, BootstrapFailure.Expired);
        await AssertRefusedAsync(browser, management.Mint(other.Slug), BootstrapFailure.WrongTenant);
        await AssertRefusedAsync(browser, "no-such-token", BootstrapFailure.Unknown);

        // Spent once, then replayed after the owner was removed by hand, so the owner check does not stop it first.
        var used = management.Mint(plane.Slug);
        using (var first = plane.Browser())
        {
            Assert.Equal(HttpStatusCode.Redirect, (await RedeemAsync(first, used, "first@example.test")).StatusCode);
        }

        await Db.ExecuteAsync(await Db.SuperuserAsync(plane.Tenant), "DELETE FROM identity.users");
        await AssertRefusedAsync(browser, used, BootstrapFailure.Used);
        Assert.Equal(0L, await Db.ScalarAsync<long>(plane.Tenant.AppConnectionString, "SELECT count(*) FROM identity.users"));
    }

    [Fact]
    public async Task ManagementUnreachable_Is503_WithAMessage()
    {
        await using var management = await FakeManagementPlane.StartAsync();
        management.ForcedStatus = 500;
        await using var plane = await TenantPlane.StartAsync(management: management.Url);
        using var browser = plane.Browser();
        await AssertRefusedAsync(browser, management.Mint(plane.Slug), BootstrapFailure.Unavailable, HttpStatusCode.ServiceUnavailable);
    }

    [Fact]
    public async Task OwnerExists_PageRefuses_WithoutSpendingTheToken()
    {
        await using var management = await FakeManagementPlane.StartAsync();
        await using var plane = await TenantPlane.StartAsync(management: management.Url);
        await plane.CreateUserAsync(Roles.Owner);
        using var browser = plane.Browser();
        Assert.Equal(HttpStatusCode.Conflict, (await browser.Client.GetAsync("/bootstrap?token=x")).StatusCode);
        // The bootstrap page has no form any more; a token from another form of the site is enough to post.
        var response = await browser.SubmitAsync("/login", "/bootstrap",
            new Dictionary<string, string> { ["token"] = management.Mint(plane.Slug), ["email"] = "late@example.test", ["password"] = Passwords.Default });
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Empty(management.Requests);
    }

    [Fact]
    public async Task TwoConcurrentRedemptions_CreateExactlyOneOwner()
    {
        await using var management = await FakeManagementPlane.StartAsync();
        await using var plane = await TenantPlane.StartAsync(management: management.Url);
        var same = management.Mint(plane.Slug);
        var browsers = Enumerable.Range(0, 4).Select(_ => plane.Browser()).ToList();
        // Two with the same token and two with two other valid tokens: the management plane lets three through.
        var tokens = new[] { same, same, management.Mint(plane.Slug), management.Mint(plane.Slug) };
        var responses = await Task.WhenAll(browsers.Select((b, i) => RedeemAsync(b, tokens[i], $"racer{i}@example.test")));
        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Redirect);
        Assert.Equal(1L, await Db.ScalarAsync<long>(plane.Tenant.AppConnectionString, "SELECT count(*) FROM identity.users WHERE role = 'owner'"));
        Assert.Equal(1L, await Db.ScalarAsync<long>(plane.Tenant.AppConnectionString, "SELECT count(*) FROM identity.users"));
        browsers.ForEach(b => b.Dispose());
    }

    private static Task<HttpResponseMessage> RedeemAsync(Browser browser, string token, string email) =>
        browser.SubmitAsync($"/bootstrap?token={Uri.EscapeDataString(token)}", "/bootstrap",
            new Dictionary<string, string> { ["token"] = token, ["email"] = email, ["password"] = Passwords.Default });

    private static async Task AssertRefusedAsync(Browser browser, string token, BootstrapFailure failure, HttpStatusCode status = HttpStatusCode.BadRequest)
    {
        var response = await RedeemAsync(browser, token, "someone@example.test");
        Assert.Equal(status, response.StatusCode);
        Assert.Contains(WebUtility.HtmlEncode(BootstrapPages.Message(failure)), await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
