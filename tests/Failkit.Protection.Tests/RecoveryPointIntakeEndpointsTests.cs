using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Failkit.Protection.Tests.Fixtures;
using Failkit.Tenancy;

namespace Failkit.Protection.Tests;

public sealed class RecoveryPointIntakeEndpointsTests : IAsyncLifetime
{
    private const string Route = "internal/recovery-points";
    private TenantPlane _plane = null!;

    public async ValueTask InitializeAsync() => _plane = await TenantPlane.StartAsync();

    public async ValueTask DisposeAsync() => await _plane.DisposeAsync();

    private static JsonObject Body(string pointId = "20261129T010000Z-abc123") => new()
    {
        ["disk"] = "vm1/disk0",
        ["pointId"] = pointId,
        ["pointTime"] = "2026-11-29T02:00:00+01:00",
        ["bytesScanned"] = 8388608,
        ["bytesChanged"] = 1048576,
        ["bytesUploaded"] = 1048604,
        ["blockCount"] = 8,
        ["manifestSha256"] = new string('A', 64),
        ["rpoObservedSeconds"] = 42.5,
        ["certificateSerial"] = "0A1B2C",
        ["receivedAt"] = "2026-11-29T01:00:05Z",
    };

    private Task<long> CountAsync() => ProtectedTenant.ScalarAsync<long>(_plane.Tenant.AppConnectionString, "SELECT count(*) FROM protection.recovery_points");

    [Fact]
    public async Task NewReport_Is201_ThenTheSameIs200_AndDifferentMetadataIs409()
    {
        using var client = _plane.Client(_plane.PlaneKey);

        using var created = await client.PostAsJsonAsync(Route, Body());
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var point = (await created.Content.ReadFromJsonAsync<RecoveryPoint>())!;
        Assert.Equal($"/api/recovery-points/{point.Id}", created.Headers.Location?.OriginalString);
        Assert.Equal(new DateTimeOffset(2026, 11, 29, 1, 0, 0, TimeSpan.Zero), point.PointTime);
        Assert.Equal(new string('a', 64), point.ManifestSha256);

        using var again = await client.PostAsJsonAsync(Route, Body());
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(point, await again.Content.ReadFromJsonAsync<RecoveryPoint>());

        var changed = Body();
        changed["bytesUploaded"] = 999;
        using var conflict = await client.PostAsJsonAsync(Route, changed);
        Assert.Equal(HttpStatusCode.Conflict, conflict.StatusCode);
        Assert.Equal("application/problem+json", conflict.Content.Headers.ContentType?.MediaType);

        Assert.Equal(1L, await CountAsync());
        Assert.Equal(1048604L, await ProtectedTenant.ScalarAsync<long>(_plane.Tenant.AppConnectionString, "SELECT bytes_uploaded FROM protection.recovery_points"));
    }

    [Theory]
    [InlineData("wrappedKey", "c2VjcmV0LWtleQ==")]
    [InlineData("payload", "AAECAwQFBgc=")]
    [InlineData("tenantId", "globex")]
    [InlineData("Disk2", "x")]
    public async Task UnknownField_Is400Problem_AndNothingIsStored(string field, string value)
    {
        using var client = _plane.Client(_plane.PlaneKey);
        var body = Body();
        body[field] = value;

        using var response = await client.PostAsJsonAsync(Route, body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadAsStringAsync();
        Assert.Contains(field, problem, StringComparison.Ordinal);
        Assert.DoesNotContain(value, problem, StringComparison.Ordinal);
        Assert.Equal(0L, await CountAsync());
    }

    [Theory]
    [InlineData("manifestSha256", "\"not-a-hash\"")]
    [InlineData("bytesScanned", "-1")]
    [InlineData("bytesScanned", "\"12\"")]
    [InlineData("certificateSerial", "\"\"")]
    [InlineData("disk", "null")]
    public async Task InvalidField_Is400Problem(string field, string json)
    {
        using var client = _plane.Client(_plane.PlaneKey);
        var body = Body();
        body[field] = JsonNode.Parse(json);

        using var response = await client.PostAsJsonAsync(Route, body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(0L, await CountAsync());
    }

    [Fact]
    public async Task MissingFieldMalformedOrDuplicateJson_Is400()
    {
        using var client = _plane.Client(_plane.PlaneKey);
        var missing = Body();
        missing.Remove("receivedAt");
        using (var response = await client.PostAsJsonAsync(Route, missing))
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        }

        var duplicated = Body().ToJsonString().Replace("\"disk\":\"vm1/disk0\"", "\"disk\":\"vm1/disk0\",\"disk\":\"vm9/disk0\"", StringComparison.Ordinal);
        foreach (var raw in new[] { "{\"disk\":", "[]", "", duplicated })
        {
            using var content = new StringContent(raw, Encoding.UTF8, "application/json");
            using var response = await client.PostAsync(Route, content);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        }

        Assert.Equal(0L, await CountAsync());
    }

    [Fact]
    public async Task OversizedBody_Is413()
    {
        using var client = _plane.Client(_plane.PlaneKey);
        var body = Body();
        body["disk"] = new string('d', RecoveryPointReport.MaxBodyBytes);

        using var response = await client.PostAsJsonAsync(Route, body);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal(0L, await CountAsync());
    }

    [Fact]
    public async Task NoKey_WrongKey_AnotherTenantsKey_OrAnotherScheme_Is401()
    {
        var otherSlugKey = PlaneKeys.Derive(_plane.ManagementSecret, TenantSlug.Parse("globex"));
        var otherSecretKey = PlaneKeys.Derive(RandomNumberGenerator.GetBytes(32), _plane.Tenant.Slug);
        foreach (var key in new string?[] { null, "", otherSlugKey, otherSecretKey, _plane.PlaneKey + "x" })
        {
            using var client = _plane.Client(key);
            using var response = await client.PostAsJsonAsync(Route, Body());
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        }

        using (var bearer = _plane.Client())
        {
            bearer.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", _plane.PlaneKey);
            using var response = await bearer.PostAsJsonAsync(Route, Body());
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        }

        Assert.Equal(0L, await CountAsync());
    }
}
