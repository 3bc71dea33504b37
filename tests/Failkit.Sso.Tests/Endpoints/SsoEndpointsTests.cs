using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Failkit.Sso.Storage;
using Failkit.Sso.Tests.Fixtures;

namespace Failkit.Sso.Tests.Endpoints;

/// <summary>Two tenants for the class: one that never gets settings (tier, validation and not-configured cases
/// write nothing), and one whose settings the round-trip and ACS tests write, each a protocol of its own.</summary>
public sealed class SsoEndpointsTenants : IAsyncLifetime
{
    internal Failkit.Tenancy.TenantDatabase Empty { get; private set; } = null!;

    internal Failkit.Tenancy.TenantDatabase Configured { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Empty = await TenantDb.ProvisionAsync("empty");
        Configured = await TenantDb.ProvisionAsync("conf");
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}

public sealed class SsoEndpointsTests(SsoEndpointsTenants tenants) : IClassFixture<SsoEndpointsTenants>
{
    private static readonly object ValidOidc = new
    {
        authority = "https://idp.example/",
        clientId = "failkit",
        clientSecret = "first-secret",
        roleClaim = "groups",
        roleMapping = new Dictionary<string, string> { ["admins"] = "admin" },
        defaultRole = "operator",
    };

    [Theory]
    [InlineData("GET", SsoPaths.OidcStart)]
    [InlineData("GET", SsoPaths.OidcCallback + "?state=x&code=y")]
    [InlineData("GET", SsoPaths.SamlStart)]
    [InlineData("POST", SsoPaths.SamlAcs)]
    [InlineData("GET", SsoPaths.SamlMetadata)]
    [InlineData("GET", SsoPaths.OidcSettings)]
    [InlineData("PUT", SsoPaths.OidcSettings)]
    [InlineData("GET", SsoPaths.SamlSettings)]
    [InlineData("PUT", SsoPaths.SamlSettings)]
    public async Task StandardTier_IsRefusedOnEveryRoute(string method, string path)
    {
        await using var sp = await SsoTestHost.StartAsync(tenants.Empty, tier: "Standard");
        using var http = new HttpClient { BaseAddress = sp.Url };
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method != "GET")
        {
            request.Content = method == "PUT" ? JsonContent.Create(ValidOidc) : new FormUrlEncodedContent([new("SAMLResponse", "PHg+")]);
        }

        using var response = await http.SendAsync(request);

        Assert.Equal("TierNotEligible", await Problems.FailureAsync(response, HttpStatusCode.Forbidden));
        Assert.Null(await sp.Service<SsoSettingsStore>().GetOidcAsync(CancellationToken.None));
    }

    [Fact]
    public async Task OidcSettings_RoundTripWithoutEverShowingTheSecret()
    {
        await using var sp = await SsoTestHost.StartAsync(tenants.Configured, tier: "Professional");
        using var http = new HttpClient { BaseAddress = sp.Url };
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync(SsoPaths.OidcSettings)).StatusCode);

        using var put = await http.PutAsJsonAsync(SsoPaths.OidcSettings, ValidOidc);
        var shown = await http.GetStringAsync(SsoPaths.OidcSettings);
        // A client sends back what it read, which has no secret: the stored one stays.
        using var again = await http.PutAsJsonAsync(SsoPaths.OidcSettings, JsonSerializer.Deserialize<JsonElement>(shown));

        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.DoesNotContain("first-secret", shown, StringComparison.Ordinal);
        using var view = JsonDocument.Parse(shown);
        Assert.True(view.RootElement.GetProperty("hasClientSecret").GetBoolean());
        Assert.Equal("operator", view.RootElement.GetProperty("defaultRole").GetString());
        Assert.Equal("admin", view.RootElement.GetProperty("roleMapping").GetProperty("admins").GetString());
        Assert.Equal(new Uri(sp.Url, SsoPaths.OidcCallback).AbsoluteUri, view.RootElement.GetProperty("redirectUri").GetString());
        Assert.Equal("first-secret", (await sp.Service<SsoSettingsStore>().GetOidcAsync(CancellationToken.None))!.ClientSecret);
    }

    [Fact]
    public async Task OidcSettings_WithBadFields_AreAValidationProblem()
    {
        await using var sp = await SsoTestHost.StartAsync(tenants.Empty);
        using var http = new HttpClient { BaseAddress = sp.Url };

        using var response = await http.PutAsJsonAsync(SsoPaths.OidcSettings, new
        {
            authority = "javascript:alert(1)",
            scopes = "email",
            roleMapping = new Dictionary<string, string> { ["admins"] = "superuser" },
        });

        var errors = await ErrorsAsync(response);
        Assert.Equal(["authority", "clientId", "clientSecret", "roleMapping.admins", "scopes"], errors.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("{ not json")]
    [InlineData("null")]
    [InlineData("[1,2]")]
    public async Task SettingsBodyThatIsNotSettingsJson_IsAValidationProblem(string body)
    {
        await using var sp = await SsoTestHost.StartAsync(tenants.Empty);
        using var http = new HttpClient { BaseAddress = sp.Url };

        using var response = await http.PutAsync(SsoPaths.SamlSettings, new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(["body"], await ErrorsAsync(response));
    }

    [Fact]
    public async Task SamlSettings_WithABadCertificateAndNoSignatureRequired_AreAValidationProblem()
    {
        await using var sp = await SsoTestHost.StartAsync(tenants.Empty);
        using var http = new HttpClient { BaseAddress = sp.Url };

        using var response = await http.PutAsJsonAsync(SsoPaths.SamlSettings, new
        {
            idpEntityId = "urn:idp",
            idpSsoUrl = "https://idp.example/sso",
            idpCertificatePem = "-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydA==\n-----END CERTIFICATE-----",
            requireSignedResponse = false,
            requireSignedAssertion = false,
        });

        Assert.Equal(["idpCertificatePem", "requireSignedAssertion"], (await ErrorsAsync(response)).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData(SsoPaths.OidcStart)]
    [InlineData(SsoPaths.SamlStart)]
    [InlineData(SsoPaths.SamlMetadata)]
    public async Task LoginRoutes_WithoutSettings_AreNotFoundProblems(string path)
    {
        await using var sp = await SsoTestHost.StartAsync(tenants.Empty);
        using var http = new HttpClient { BaseAddress = sp.Url };

        using var response = await http.GetAsync(path);

        Assert.Equal("NotConfigured", await Problems.FailureAsync(response, HttpStatusCode.NotFound));
    }

    [Theory]
    [InlineData("not base64 at all")]
    [InlineData("PHg+")]
    [InlineData("")]
    public async Task AcsWithGarbage_IsABadRequestProblem(string samlResponse)
    {
        await using var sp = await SsoTestHost.StartAsync(tenants.Configured);
        using var http = new HttpClient { BaseAddress = sp.Url };
        await sp.Service<SsoSettingsStore>().SaveAsync(
            new Settings.SamlSettings(true, "urn:idp", new Uri("https://idp.example/sso"), TestCertificate.Pem, null, true, true, "role", "email", "displayName",
                new RoleMapping(new Dictionary<string, SsoRole>())), CancellationToken.None);

        using var response = await http.PostAsync(SsoPaths.SamlAcs, new FormUrlEncodedContent([new("SAMLResponse", samlResponse)]));

        Assert.Equal("Malformed", await Problems.FailureAsync(response));
        Assert.Empty(sp.SignIns.All);
    }

    private static async Task<string[]> ErrorsAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, body);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var json = JsonDocument.Parse(body);
        return json.RootElement.GetProperty("errors").EnumerateObject().Select(p => p.Name).ToArray();
    }
}

internal static class TestCertificate
{
    public static string Pem { get; } = Create();

    private static string Create()
    {
        using var rsa = System.Security.Cryptography.RSA.Create(2048);
        var request = new System.Security.Cryptography.X509Certificates.CertificateRequest("CN=test", rsa,
            System.Security.Cryptography.HashAlgorithmName.SHA256, System.Security.Cryptography.RSASignaturePadding.Pkcs1);
        using var cert = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        return cert.ExportCertificatePem();
    }
}
