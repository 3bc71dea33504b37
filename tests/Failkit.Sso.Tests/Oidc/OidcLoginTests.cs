using System.Net;
using Failkit.Sso.Tests.Fixtures;
using Microsoft.AspNetCore.WebUtilities;

namespace Failkit.Sso.Tests.Oidc;

public sealed class OidcLoginTests(OidcFixture idp) : IClassFixture<OidcFixture>
{
    [Theory]
    [InlineData("alice", SsoRole.Admin)]
    [InlineData("bob", SsoRole.Operator)]
    [InlineData("carol", SsoRole.Auditor)]
    public async Task CodeFlowWithPkce_SignsInWithTheMappedRole(string login, SsoRole role)
    {
        using var browser = new Browser();
        var callback = await idp.AuthorizeAsync(browser, login, returnUrl: "/drills?page=2");
        var query = QueryHelpers.ParseQuery(callback.Query);
        Assert.False(query.ContainsKey("error"), callback.Query);

        using var response = await browser.GetAsync(callback);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/drills?page=2", response.Headers.Location?.OriginalString);
        var (identity, returnUrl) = idp.Sp.SignIns.All[^1];
        Assert.Equal(new SsoIdentity("oidc", login, $"{login}@example.test", $"{char.ToUpperInvariant(login[0])}{login[1..]} Example", role), identity);
        Assert.Equal("/drills?page=2", returnUrl);
    }

    [Fact]
    public async Task AuthorizeRequest_CarriesPkceS256StateAndNonce()
    {
        using var browser = new Browser();
        using var start = await browser.GetAsync(new Uri(idp.Sp.Url, SsoPaths.OidcStart));
        var query = QueryHelpers.ParseQuery(Browser.Location(start, idp.Sp.Url).Query);

        Assert.Equal("S256", query["code_challenge_method"]);
        Assert.Equal(43, query["code_challenge"].ToString().Length);
        Assert.True(query["state"].ToString().Length >= 43);
        Assert.True(query["nonce"].ToString().Length >= 43);
        Assert.NotEqual(query["state"], query["nonce"]);
    }

    [Fact]
    public async Task CallbackWithAnotherState_IsRejected()
    {
        using var browser = new Browser();
        var callback = await idp.AuthorizeAsync(browser, "alice");
        var forged = Replace(callback, "state", "forged-state-value");
        var before = idp.Sp.SignIns.All.Count;

        using var response = await browser.GetAsync(forged);

        Assert.Equal("UnknownState", await Problems.FailureAsync(response));
        Assert.Equal(before, idp.Sp.SignIns.All.Count);
    }

    [Fact]
    public async Task ReplayedCallback_IsRejected()
    {
        using var browser = new Browser();
        var callback = await idp.AuthorizeAsync(browser, "alice");
        using (var first = await browser.GetAsync(callback))
        {
            Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        }

        var before = idp.Sp.SignIns.All.Count;

        using var replay = await browser.GetAsync(callback);

        Assert.Equal("UnknownState", await Problems.FailureAsync(replay));
        Assert.Equal(before, idp.Sp.SignIns.All.Count);
    }

    [Fact]
    public async Task UsedCodeUnderAFreshState_IsRefusedByTheIdp()
    {
        using var browser = new Browser();
        var first = await idp.AuthorizeAsync(browser, "alice");
        using (var ok = await browser.GetAsync(first))
        {
            Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
        }

        var second = await idp.AuthorizeAsync(browser, "alice");
        var replayedCode = Replace(second, "code", QueryHelpers.ParseQuery(first.Query)["code"]!);
        var before = idp.Sp.SignIns.All.Count;

        using var response = await browser.GetAsync(replayedCode);

        Assert.Equal("TokenExchangeFailed", await Problems.FailureAsync(response));
        Assert.Equal(before, idp.Sp.SignIns.All.Count);
    }

    [Fact]
    public async Task IdTokenWithAnotherNonce_IsRejected()
    {
        using var browser = new Browser();
        // The browser (or an attacker) swaps the nonce on its way to the IdP: the id_token then carries that one.
        var callback = await idp.AuthorizeAsync(browser, "alice", url => Replace(url, "nonce", "attacker-chosen-nonce"));

        using var response = await browser.GetAsync(callback);

        Assert.Equal("NonceMismatch", await Problems.FailureAsync(response));
    }

    [Fact]
    public async Task TamperedIdToken_IsRejected()
    {
        using var browser = new Browser();
        var callback = await idp.AuthorizeAsync(browser, "carol");
        idp.Sp.BackChannel.IdToken = jwt => BackChannelTamperer.WithPayload(jwt, p => p["sub"] = "alice");
        try
        {
            var before = idp.Sp.SignIns.All.Count;

            using var response = await browser.GetAsync(callback);

            Assert.Equal("InvalidIdToken", await Problems.FailureAsync(response));
            Assert.Equal(before, idp.Sp.SignIns.All.Count);
        }
        finally
        {
            idp.Sp.BackChannel.IdToken = null;
        }
    }

    [Fact]
    public async Task CallbackInAnotherBrowser_IsRejected()
    {
        using var victim = new Browser();
        var callback = await idp.AuthorizeAsync(victim, "alice");
        using var attacker = new Browser();

        using var response = await attacker.GetAsync(callback);

        Assert.Equal("BrowserMismatch", await Problems.FailureAsync(response));
    }

    [Theory]
    [InlineData("https://evil.example/")]
    [InlineData("//evil.example/")]
    [InlineData("/\\evil.example/")]
    public async Task StartWithAForeignReturnUrl_IsABadRequest(string returnUrl)
    {
        using var browser = new Browser();

        using var response = await browser.GetAsync(new Uri(idp.Sp.Url, $"{SsoPaths.OidcStart}?returnUrl={Uri.EscapeDataString(returnUrl)}"));

        Assert.Equal("BadReturnUrl", await Problems.FailureAsync(response));
    }

    private static Uri Replace(Uri url, string name, string value)
    {
        var query = QueryHelpers.ParseQuery(url.Query).ToDictionary(kv => kv.Key, kv => (string?)kv.Value.ToString());
        query[name] = value;
        return new Uri(QueryHelpers.AddQueryString(url.GetLeftPart(UriPartial.Path), query));
    }
}
