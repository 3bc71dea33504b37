using System.Net;
using System.Net.Http.Json;
using Failkit.Management.Tests.Fixtures;

namespace Failkit.Management.Tests.Reports;

public sealed class ReportReforwarderTests : IAsyncLifetime
{
    private Forwarding _forwarding = null!;

    public async ValueTask InitializeAsync() => _forwarding = await Forwarding.StartAsync(sweepInterval: TimeSpan.FromMilliseconds(200));

    public async ValueTask DisposeAsync() => await _forwarding.DisposeAsync();

    [Fact]
    public async Task PlaneNotRunning_ReportIsKept_AndTheBackgroundReforwarderDeliversItOnceThePlaneIsUp()
    {
        var slug = Forwarding.NewSlug();
        await using var plane = await _forwarding.PlaneAsync(slug, running: false);
        using var cert = await _forwarding.Server.AgentCertificateAsync(slug);
        using var client = _forwarding.Server.Client(cert);

        using (var response = await client.PostAsJsonAsync("agent/reports", Enrolled.Report("p1")))
        {
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        }

        // Several sweeps pass while the plane is down: the report waits in the outbox.
        await Task.Delay(700);
        Assert.Null(await _forwarding.ForwardedAtAsync("p1"));
        Assert.Empty(plane.Received);

        _forwarding.Orchestrator.Endpoints[slug] = plane.Url;
        var point = await EventuallyAsync(() => plane.Queries.LatestForDiskAsync("vm/d0", null, CancellationToken.None));

        Assert.Equal("p1", point.PointId);
        Assert.Equal(new string('a', 64), point.ManifestSha256);
        // The plane stores the point before the forwarder, having seen its 201, marks the outbox row.
        Assert.NotNull(await EventuallyAsync(() => _forwarding.ForwardedAtAsync("p1")));
    }

    [Fact]
    public async Task PlaneFailingWith503_ReportIsKept_AndDeliveredOnceThePlaneRecovers()
    {
        var slug = Forwarding.NewSlug();
        await using var plane = await _forwarding.PlaneAsync(slug);
        plane.FailNext(int.MaxValue);
        using var cert = await _forwarding.Server.AgentCertificateAsync(slug);
        using var client = _forwarding.Server.Client(cert);

        using (var response = await client.PostAsJsonAsync("agent/reports", Enrolled.Report("p1")))
        {
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        }

        await Task.Delay(500);
        Assert.Null(await _forwarding.ForwardedAtAsync("p1"));
        Assert.True(plane.Received.Count >= 2, "the sink and the sweeps should have tried");

        plane.FailNext(0);
        var point = await EventuallyAsync(() => plane.Queries.LatestForDiskAsync("vm/d0", null, CancellationToken.None));

        Assert.Equal("p1", point.PointId);
        Assert.NotNull(await EventuallyAsync(() => _forwarding.ForwardedAtAsync("p1")));
    }

    private static async Task<T> EventuallyAsync<T>(Func<Task<T?>> probe)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            if (await probe() is { } value)
            {
                return value;
            }

            Assert.True(DateTime.UtcNow < deadline, "not delivered within 15 s");
            await Task.Delay(100);
        }
    }
}
