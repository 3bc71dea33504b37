using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Failkit.Sso.Tests.Fixtures;
using Failkit.Tenancy;

namespace Failkit.Sso.Tests.Saml;

/// <summary>A tenant plane with SAML configured through its settings API, and npm saml-idp on loopback as the
/// IdP, signing with a key pair made for this run (never committed).</summary>
public sealed class SamlFixture : IAsyncLifetime
{
    public const string IdpEntityId = "urn:failkit:test-idp";

    private readonly List<NodeProcess> _idps = [];
    private string _dir = "";

    internal SsoTestHost Sp { get; private set; } = null!;

    internal TenantDatabase Tenant { get; private set; } = null!;

    internal Uri IdpSso { get; private set; } = null!;

    internal string CertificatePem { get; private set; } = "";

    public async ValueTask InitializeAsync()
    {
        Emulators.Package("saml-idp");
        _dir = Directory.CreateTempSubdirectory("failkit-saml-idp-").FullName;
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=failkit-test-idp", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var cert = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        CertificatePem = cert.ExportCertificatePem();
        await File.WriteAllTextAsync(Path.Combine(_dir, "idp-cert.pem"), CertificatePem);
        await File.WriteAllTextAsync(Path.Combine(_dir, "idp-key.pem"), rsa.ExportRSAPrivateKeyPem());

        Tenant = await TenantDb.ProvisionAsync("saml");
        Sp = await SsoTestHost.StartAsync(Tenant);
        IdpSso = await StartIdpAsync(audience: SpEntityId);

        using var http = new HttpClient { BaseAddress = Sp.Url };
        using var put = await http.PutAsJsonAsync(SsoPaths.SamlSettings, new
        {
            idpEntityId = IdpEntityId,
            idpSsoUrl = IdpSso.AbsoluteUri,
            idpCertificatePem = CertificatePem,
            roleAttribute = "role",
            roleMapping = new Dictionary<string, string> { ["failkit-owners"] = "owner", ["failkit-admins"] = "admin" },
        });
        Assert.True(put.StatusCode == HttpStatusCode.OK, await put.Content.ReadAsStringAsync());
    }

    /// <summary>The SP entity id when the settings leave it out: the metadata URL.</summary>
    internal string SpEntityId => new Uri(Sp.Url, SsoPaths.SamlMetadata).AbsoluteUri;

    internal Uri Acs => new(Sp.Url, SsoPaths.SamlAcs);

    /// <summary>Starts a saml-idp signing with this run's key for <paramref name="audience"/>; returns its SSO URL.</summary>
    internal async Task<Uri> StartIdpAsync(string audience)
    {
        var port = Ports.Free();
        _idps.Add(await NodeProcess.StartAsync(
            [
                "node_modules/saml-idp/bin/run.js", "--host", "127.0.0.1", "--port", port.ToString(CultureInfo.InvariantCulture),
                "--cert", Path.Combine(_dir, "idp-cert.pem"), "--key", Path.Combine(_dir, "idp-key.pem"),
                "--issuer", IdpEntityId, "--acsUrl", Acs.AbsoluteUri, "--audience", audience,
                "--configFile", Path.Combine(Emulators.Directory, "saml-idp.config.js"),
            ],
            new Dictionary<string, string>(),
            () => Ports.AcceptsAsync(port)));
        return new Uri($"http://127.0.0.1:{port}/saml/sso");
    }

    /// <summary>Starts a login at the tenant plane and opens the IdP's sign-in form with the AuthnRequest it got.</summary>
    internal async Task<HtmlFormAt> SignInFormAsync(Browser browser, string returnUrl = "/", Uri? idpSso = null)
    {
        using var start = await browser.GetAsync(new Uri(Sp.Url, $"{SsoPaths.SamlStart}?returnUrl={Uri.EscapeDataString(returnUrl)}"));
        Assert.Equal(HttpStatusCode.Redirect, start.StatusCode);
        var url = Browser.Location(start, Sp.Url);
        Assert.StartsWith(IdpSso.AbsoluteUri + "?SAMLRequest=", url.AbsoluteUri, StringComparison.Ordinal);
        if (idpSso is not null)
        {
            url = new Uri(idpSso, url.Query);
        }

        using var page = await browser.GetAsync(url);
        var html = await page.Content.ReadAsStringAsync();
        Assert.True(page.IsSuccessStatusCode, html);
        var form = HtmlForm.Parse(html);
        Assert.True(form.Fields.ContainsKey("_authnRequest"), "the IdP did not take the AuthnRequest:\n" + html);
        return new HtmlFormAt(new Uri(url, form.Action), form.Fields);
    }

    /// <summary>Signs in at the IdP as <paramref name="user"/> and returns the SAMLResponse it posts to the ACS.</summary>
    internal static async Task<string> SignInAsync(Browser browser, HtmlFormAt form, string user, string role = "")
    {
        var fields = new Dictionary<string, string>(form.Fields, StringComparer.Ordinal)
        {
            ["userName"] = user,
            ["email"] = user,
            ["displayName"] = "Name of " + user,
            ["role"] = role,
        };
        using var posted = await browser.PostFormAsync(form.Url, fields);
        var html = await posted.Content.ReadAsStringAsync();
        Assert.True(posted.IsSuccessStatusCode, html);
        return HtmlForm.Parse(html).Fields["SAMLResponse"];
    }

    internal Task<HttpResponseMessage> PostToAcsAsync(Browser browser, string samlResponse) =>
        browser.PostFormAsync(Acs, [new("SAMLResponse", samlResponse)]);

    public async ValueTask DisposeAsync()
    {
        foreach (var idp in _idps)
        {
            await idp.DisposeAsync();
        }

        if (Sp is not null)
        {
            await Sp.DisposeAsync();
        }

        if (_dir.Length > 0)
        {
            Directory.Delete(_dir, recursive: true);
        }
    }
}

internal sealed record HtmlFormAt(Uri Url, Dictionary<string, string> Fields);
