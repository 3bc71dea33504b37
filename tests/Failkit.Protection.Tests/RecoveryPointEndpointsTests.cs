using System.Net;
using System.Net.Http.Json;
using Failkit.Protection.Tests.Fixtures;

namespace Failkit.Protection.Tests;

public sealed class RecoveryPointEndpointsTests : IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 29, 0, 0, 0, TimeSpan.Zero);
    private TenantPlane _plane = null!;

    public async ValueTask InitializeAsync() => _plane = await TenantPlane.StartAsync();

    public async ValueTask DisposeAsync() => await _plane.DisposeAsync();

    private async Task<RecoveryPoint> SeedAsync(string pointId, string disk, int hour) =>
        (await _plane.Get<RecoveryPointStore>().RecordAsync(ProtectedTenant.Report(pointId, disk, T0.AddHours(hour)), CancellationToken.None)).Point;

    [Fact]
    public async Task List_FiltersAndLimits_AndGetReturnsOnePoint()
    {
        var w0 = await SeedAsync("w0", "web/d0", 0);
        await SeedAsync("w1", "web/d0", 1);
        await SeedAsync("d0", "db/d0", 2);
        using var client = _plane.Client();

        var all = await client.GetFromJsonAsync<List<RecoveryPoint>>("api/recovery-points");
        var web = await client.GetFromJsonAsync<List<RecoveryPoint>>("api/recovery-points?disk=web%2Fd0&since=2026-11-29T00:30:00Z");
        var one = await client.GetFromJsonAsync<List<RecoveryPoint>>("api/recovery-points?limit=1");
        var got = await client.GetFromJsonAsync<RecoveryPoint>($"api/recovery-points/{w0.Id}");

        Assert.Equal(["d0", "w1", "w0"], all!.Select(p => p.PointId));
        Assert.Equal(["w1"], web!.Select(p => p.PointId));
        Assert.Equal(["d0"], one!.Select(p => p.PointId));
        Assert.Equal(w0, got);
    }

    [Theory]
    [InlineData("limit=0")]
    [InlineData("limit=501")]
    [InlineData("limit=ten")]
    [InlineData("since=yesterday")]
    [InlineData("since=2026-11-29T00:00:00Z'%20OR%201=1--")]
    [InlineData("disk=%20")]
    public async Task List_WithBadQuery_Is400Problem(string query)
    {
        using var client = _plane.Client();

        using var response = await client.GetAsync($"api/recovery-points?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task List_WithAnInjectionStringAsDisk_MatchesNothing()
    {
        await SeedAsync("w0", "web/d0", 0);
        using var client = _plane.Client();

        var points = await client.GetFromJsonAsync<List<RecoveryPoint>>("api/recovery-points?disk=x'%20OR%20'1'='1");

        Assert.Empty(points!);
    }

    [Fact]
    public async Task Get_UnknownOrMalformedId_Is404()
    {
        using var client = _plane.Client();

        using var unknown = await client.GetAsync($"api/recovery-points/{Guid.NewGuid()}");
        using var malformed = await client.GetAsync("api/recovery-points/not-a-guid");

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, malformed.StatusCode);
    }

    [Fact]
    public async Task PointWrittenByTenantA_IsNotSeenThroughTenantBsPlane()
    {
        var mine = await SeedAsync("w0", "web/d0", 0);
        await using var other = await TenantPlane.StartAsync();
        using var client = other.Client();

        using var byId = await client.GetAsync($"api/recovery-points/{mine.Id}");
        var listed = await client.GetFromJsonAsync<List<RecoveryPoint>>("api/recovery-points");

        Assert.Equal(HttpStatusCode.NotFound, byId.StatusCode);
        Assert.Empty(listed!);
    }
}
