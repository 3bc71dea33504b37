using System.Net;

namespace Failkit.Gateway.Tests;

public sealed class GatewayRoutingTests : IAsyncLifetime
{
    private FakePlane _a = null!;
    private FakePlane _b = null!;
    private FakePlane _management = null!;
    private GatewayServer _gateway = null!;

    public async ValueTask InitializeAsync()
    {
        (_a, _b, _management) = (await FakePlane.StartAsync("a"), await FakePlane.StartAsync("b"), await FakePlane.StartAsync("management"));
        _gateway = await GatewayServer.StartAsync(_management.Url);
        _gateway.Routes.Set(new TenantRoute("a", _a.Url));
        _gateway.Routes.Set(new TenantRoute("b", _b.Url));
    }

    public async ValueTask DisposeAsync()
    {
        await _gateway.DisposeAsync();
        await Task.WhenAll(_a.DisposeAsync().AsTask(), _b.DisposeAsync().AsTask(), _management.DisposeAsync().AsTask());
    }

    [Theory]
    [InlineData("a.localhost", "a")]
    [InlineData("b.localhost", "b")]
    [InlineData("A.LocalHost:8080", "a")]
    [InlineData("localhost", "management")]
    [InlineData("LOCALHOST:443", "management")]
    public async Task Host_ReachesItsPlane(string host, string plane)
    {
        using var response = await _gateway.GetAsync(host, "/elsa/api/x?y=1");

        var echo = await FakePlane.Echo.ReadAsync(response);
        Assert.Equal(plane, echo.Name);
        Assert.Equal("/elsa/api/x?y=1", echo.Path);
    }

    [Theory]
    [InlineData("nobody.localhost")]
    [InlineData("b.a.localhost")]
    [InlineData("a.localhost.evil.example")]
    [InlineData("evil.example")]
    [InlineData("a-.localhost")]
    public async Task HostThatIsNotOneKnownLabel_Is404Problem(string host)
    {
        using var response = await _gateway.GetAsync(host);

        await AssertNotFoundAsync(response);
    }

    [Theory]
    [InlineData("a.localhost", "/internal/recovery-points")]
    [InlineData("a.localhost", "/INTERNAL/api-clients")]
    [InlineData("localhost", "/internal/planes/a/bootstrap-tokens/redeem")]
    [InlineData("localhost", "/Internal")]
    [InlineData("localhost", "/%69nternal/planes/a/bootstrap-tokens/redeem")]
    public async Task InternalApi_Is404FromOutside_OnEveryPlane(string host, string path)
    {
        using var response = await _gateway.GetAsync(host, path);

        await AssertNotFoundAsync(response);
    }

    [Fact]
    public async Task PathThatOnlyStartsLikeInternal_IsForwarded()
    {
        using var response = await _gateway.GetAsync("a.localhost", "/internals");

        Assert.Equal("a", (await FakePlane.Echo.ReadAsync(response)).Name);
    }

    [Fact]
    public async Task SuspendedTenant_Is404_UntilReactivated()
    {
        _gateway.Routes.Set(new TenantRoute("a", _a.Url, TenantRouteStatus.Suspended));
        using (var suspended = await _gateway.GetAsync("a.localhost"))
        {
            await AssertNotFoundAsync(suspended);
        }

        _gateway.Routes.Set(new TenantRoute("a", _a.Url));
        Assert.Equal("a", await PlaneEventuallyAtAsync("a.localhost", "a"));
    }

    [Fact]
    public async Task ForwardingHeadersFromTheClient_NeitherRouteNorReachThePlane()
    {
        using var response = await _gateway.GetAsync(
            "a.localhost",
            "/",
            ("X-Forwarded-Host", "b.localhost"),
            ("X-Original-Host", "b.localhost"),
            ("X-Host", "b.localhost"),
            ("Forwarded", "host=b.localhost;proto=https;for=10.9.9.9"),
            ("X-Forwarded-For", "10.9.9.9"),
            ("X-Forwarded-Proto", "https"));

        var echo = await FakePlane.Echo.ReadAsync(response);
        Assert.Equal("a", echo.Name);
        // The gateway's own X-Forwarded-* describe this request, not the client's claims.
        Assert.Equal("a.localhost", echo.Header("X-Forwarded-Host"));
        Assert.Equal("http", echo.Header("X-Forwarded-Proto"));
        Assert.DoesNotContain("10.9.9.9", echo.Header("X-Forwarded-For") ?? string.Empty, StringComparison.Ordinal);
        Assert.Null(echo.Header("Forwarded"));
        Assert.Null(echo.Header("X-Original-Host"));
        Assert.Null(echo.Header("X-Host"));
    }

    [Fact]
    public async Task ForwardedHostNamingAnUnknownTenant_DoesNotRescueABadHost()
    {
        using var response = await _gateway.GetAsync("nobody.localhost", "/", ("X-Forwarded-Host", "a.localhost"));

        await AssertNotFoundAsync(response);
    }

    [Fact]
    public async Task RouteTableChanges_TakeEffectWithoutRestart()
    {
        await using var c = await FakePlane.StartAsync("c");
        _gateway.Routes.Set(new TenantRoute("c", c.Url));
        Assert.Equal("c", await PlaneEventuallyAtAsync("c.localhost", "c"));

        _gateway.Routes.Set(new TenantRoute("a", _b.Url));
        Assert.Equal("b", await PlaneEventuallyAtAsync("a.localhost", "b"));

        Assert.True(_gateway.Routes.Remove("c"));
        using var removed = await _gateway.GetAsync("c.localhost");
        await AssertNotFoundAsync(removed);
    }

    [Theory]
    [InlineData("a.b")]
    [InlineData("A")]
    [InlineData("")]
    public void RouteTable_RefusesASlugThatIsNotOneLabel(string slug) =>
        Assert.Throws<ArgumentException>(() => _gateway.Routes.Set(new TenantRoute(slug, _a.Url)));

    /// <summary>YARP applies a new config when the change token fires; allow it a moment.</summary>
    private async Task<string?> PlaneEventuallyAtAsync(string host, string expected)
    {
        string? name = null;
        for (var i = 0; i < 50 && name != expected; i++)
        {
            using var response = await _gateway.GetAsync(host);
            name = response.IsSuccessStatusCode ? (await FakePlane.Echo.ReadAsync(response)).Name : null;
            if (name != expected)
            {
                await Task.Delay(100);
            }
        }

        return name;
    }

    private static async Task AssertNotFoundAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("\"status\":404", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
