using System.Net;
using System.Net.Http.Json;
using Failkit.Sso.Tests.Fixtures;
using Failkit.Tenancy;

namespace Failkit.Sso.Tests.Oidc;

/// <summary>A tenant plane with OIDC configured through its settings API, and npm oidc-provider on loopback as
/// the IdP. Accounts: alice (groups idp-admins, staff), bob (idp-ops), carol (a group nobody maps).</summary>
public sealed class OidcFixture : IAsyncLifetime
{
    internal TenantDatabase Tenant { get; private set; } = null!;

    internal SsoTestHost Sp { get; private set; } = null!;

    internal Uri Issuer { get; private set; } = null!;

    private NodeProcess? _idp;

    public async ValueTask InitializeAsync()
    {
        Emulators.Package("oidc-provider");
        Tenant = await TenantDb.ProvisionAsync("oidc");
        Sp = await SsoTestHost.StartAsync(Tenant);
        var port = Ports.Free();
        Issuer = new Uri($"http://127.0.0.1:{port}");
        var secret = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));
        _idp = await NodeProcess.StartAsync(["oidc-idp.mjs"], new Dictionary<string, string>
        {
            ["PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["CLIENT_ID"] = "failkit-tenant",
            ["CLIENT_SECRET"] = secret,
            ["REDIRECT_URI"] = new Uri(Sp.Url, SsoPaths.OidcCallback).AbsoluteUri,
        }, () => Ports.AcceptsAsync(port));

        using var http = new HttpClient { BaseAddress = Sp.Url };
        using var put = await http.PutAsJsonAsync(SsoPaths.OidcSettings, new
        {
            authority = Issuer.AbsoluteUri,
            clientId = "failkit-tenant",
            clientSecret = secret,
            roleClaim = "groups",
            roleMapping = new Dictionary<string, string> { ["idp-admins"] = "admin", ["idp-ops"] = "operator" },
        });
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
    }

    /// <summary>Starts a login at the tenant plane and drives the IdP's login and consent forms as
    /// <paramref name="login"/>; returns the callback URL the IdP sends the browser to, not yet visited.</summary>
    internal async Task<Uri> AuthorizeAsync(Browser browser, string login, Func<Uri, Uri>? editAuthorizeUrl = null, string returnUrl = "/drills")
    {
        using var start = await browser.GetAsync(new Uri(Sp.Url, $"{SsoPaths.OidcStart}?returnUrl={Uri.EscapeDataString(returnUrl)}"));
        Assert.Equal(HttpStatusCode.Redirect, start.StatusCode);
        var url = Browser.Location(start, Sp.Url);
        url = editAuthorizeUrl?.Invoke(url) ?? url;
        for (var hop = 0; hop < 20; hop++)
        {
            if (url.Authority == Sp.Url.Authority)
            {
                return url;
            }

            using var response = await browser.GetAsync(url);
            if ((int)response.StatusCode is >= 300 and < 400)
            {
                url = Browser.Location(response, url);
                continue;
            }

            var html = await response.Content.ReadAsStringAsync();
            Assert.True(response.IsSuccessStatusCode, html);
            var form = HtmlForm.Parse(html);
            if (form.Fields.GetValueOrDefault("prompt") == "login")
            {
                form.Fields["login"] = login;
                form.Fields["password"] = "any password works at the dev IdP";
            }

            using var posted = await browser.PostFormAsync(new Uri(url, form.Action), form.Fields);
            url = Browser.Location(posted, url);
        }

        throw new InvalidOperationException("the IdP never redirected back to the tenant plane");
    }

    public async ValueTask DisposeAsync()
    {
        if (_idp is not null)
        {
            await _idp.DisposeAsync();
        }

        if (Sp is not null)
        {
            await Sp.DisposeAsync();
        }
    }
}
