using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Failkit.Sso.Tests.Fixtures;

namespace Failkit.Sso.Tests.Endpoints;

public sealed class SsoEndpointsAuditTests
{
    private static object Oidc(string secret, string adminsRole) => new
    {
        authority = "https://idp.example/",
        clientId = "failkit",
        clientSecret = secret,
        roleClaim = "groups",
        roleMapping = new Dictionary<string, string> { ["admins"] = adminsRole },
        defaultRole = "auditor",
    };

    [Fact]
    public async Task SavingOidcSettings_AuditsBeforeAndAfter_AndTheRoleMappingChange_NeverTheSecret()
    {
        var tenant = await TenantDb.ProvisionAsync("aud");
        await using var sp = await SsoTestHost.StartAsync(tenant, tier: "Professional");
        using var http = new HttpClient { BaseAddress = sp.Url };

        Assert.Equal(HttpStatusCode.OK, (await http.PutAsJsonAsync(SsoPaths.OidcSettings, Oidc("first-secret-4711", "admin"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.PutAsJsonAsync(SsoPaths.OidcSettings, Oidc("second-secret-4712", "owner"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.PutAsJsonAsync(SsoPaths.OidcSettings, Oidc("third-secret-4713", "owner"))).StatusCode);

        var entries = sp.Audit.Entries;
        Assert.Equal(
            [SsoEndpoints.SettingsSavedKind, SsoEndpoints.RoleMappingChangedKind, SsoEndpoints.SettingsSavedKind, SsoEndpoints.RoleMappingChangedKind,
                SsoEndpoints.SettingsSavedKind],
            entries.Select(e => e.Kind));
        Assert.All(entries, e =>
        {
            Assert.Equal("oidc", e.Target);
            Assert.Equal("127.0.0.1", e.Source);
            Assert.Equal("anonymous", e.Actor);
            Assert.DoesNotContain("secret-471", (e.Before ?? "") + (e.After ?? ""), StringComparison.Ordinal);
        });

        Assert.Null(entries[0].Before);
        Assert.True(Json(entries[0].After).GetProperty("hasClientSecret").GetBoolean());
        Assert.Equal("admin", Json(entries[3].Before).GetProperty("roleMapping").GetProperty("admins").GetString());
        Assert.Equal("owner", Json(entries[3].After).GetProperty("roleMapping").GetProperty("admins").GetString());
        Assert.Equal("admin", Json(entries[2].Before).GetProperty("roleMapping").GetProperty("admins").GetString());
        Assert.Equal("owner", Json(entries[2].After).GetProperty("roleMapping").GetProperty("admins").GetString());
    }

    private static JsonElement Json(string? text) => JsonDocument.Parse(text ?? throw new InvalidOperationException("no JSON")).RootElement.Clone();
}
