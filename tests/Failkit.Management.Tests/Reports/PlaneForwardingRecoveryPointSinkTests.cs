using System.Net;
using System.Net.Http.Json;
using Failkit.Management.Reports;
using Failkit.Management.Tests.Fixtures;
using Failkit.Protection;

namespace Failkit.Management.Tests.Reports;

public sealed class PlaneForwardingRecoveryPointSinkTests : IAsyncLifetime
{
    private Forwarding _forwarding = null!;

    public async ValueTask InitializeAsync() => _forwarding = await Forwarding.StartAsync();

    public async ValueTask DisposeAsync() => await _forwarding.DisposeAsync();

    private async Task PostAsync(string slug, string pointId, Action<System.Text.Json.Nodes.JsonObject>? edit = null)
    {
        using var cert = await _forwarding.Server.AgentCertificateAsync(slug);
        using var client = _forwarding.Server.Client(cert);
        var body = Enrolled.Report(pointId);
        edit?.Invoke(body);
        using var response = await client.PostAsJsonAsync("agent/reports", body);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    [Fact]
    public async Task ReportUnderTenantBsCertificate_LandsInBsPlaneOnly_WhateverTheBodyClaims()
    {
        var a = Forwarding.NewSlug();
        var b = Forwarding.NewSlug();
        await using var planeA = await _forwarding.PlaneAsync(a);
        await using var planeB = await _forwarding.PlaneAsync(b);
        await _forwarding.Server.TenantWithAgentTokenAsync(a);

        await PostAsync(b, "p1", body =>
        {
            body["tenant"] = a;
            body["tenantSlug"] = a;
        });

        Assert.Empty(planeA.Received);
        Assert.Empty(await planeA.Queries.ListAsync(null, null, 10, CancellationToken.None));
        Assert.Equal("p1", Assert.Single(await planeB.Queries.ListAsync(null, null, 10, CancellationToken.None)).PointId);
    }

    [Fact]
    public async Task ReportOfTenantB_SentToTenantAsPlaneByMistake_IsRefusedThere_AndStaysPending()
    {
        var a = Forwarding.NewSlug();
        var b = Forwarding.NewSlug();
        await using var planeA = await _forwarding.PlaneAsync(a);
        // The orchestrator points B at A's plane: A's plane must refuse B's plane key.
        _forwarding.Orchestrator.Endpoints[b] = planeA.Url;

        await PostAsync(b, "p1");

        Assert.NotEmpty(planeA.Received);
        Assert.Empty(await planeA.Queries.ListAsync(null, null, 10, CancellationToken.None));
        Assert.Null(await _forwarding.ForwardedAtAsync("p1"));
        Assert.Equal(1L, await _forwarding.Server.ScalarAsync<long>(
            "SELECT count(*) FROM management.agent_reports WHERE forwarded_at IS NULL AND forward_rejected_status IS NULL"));
    }

    [Fact]
    public async Task PlaneAnswering503Once_GetsTheReportOnTheRetry()
    {
        var slug = Forwarding.NewSlug();
        await using var plane = await _forwarding.PlaneAsync(slug);
        plane.FailNext(1);

        await PostAsync(slug, "p1");

        Assert.Equal(2, plane.Received.Count);
        Assert.NotNull(await _forwarding.ForwardedAtAsync("p1"));
        Assert.Equal("p1", (await plane.Queries.LatestForDiskAsync("vm/d0", null, CancellationToken.None))?.PointId);
    }

    [Fact]
    public async Task PlaneHoldingTheSamePointWithOtherMetadata_409_IsMarkedRejected_AndNotSentAgain()
    {
        var slug = Forwarding.NewSlug();
        await using var plane = await _forwarding.PlaneAsync(slug);
        await using (var db = new ProtectionDatabase(plane.Tenant.AppConnectionString))
        {
            await new RecoveryPointStore(db).RecordAsync(new RecoveryPointReport("vm/d0", "p1", DateTimeOffset.UnixEpoch, 1, 1, 1, 1, new string('c', 64), null,
                "01", DateTimeOffset.UnixEpoch), CancellationToken.None);
        }

        await PostAsync(slug, "p1");

        Assert.Equal(409, await _forwarding.Server.ScalarAsync<short>("SELECT forward_rejected_status FROM management.agent_reports WHERE point_id = 'p1'"));
        Assert.Null(await _forwarding.ForwardedAtAsync("p1"));
        var received = plane.Received.Count;
        Assert.Equal(0, await _forwarding.Server.Get<ReportReforwarder>().SweepAsync(CancellationToken.None));
        Assert.Equal(received, plane.Received.Count);
        Assert.Equal(new string('c', 64), (await plane.Queries.LatestForDiskAsync("vm/d0", null, CancellationToken.None))?.ManifestSha256);
    }

    [Fact]
    public async Task ReportSentTwiceByTheAgent_IsOneRecoveryPoint()
    {
        var slug = Forwarding.NewSlug();
        await using var plane = await _forwarding.PlaneAsync(slug);

        await PostAsync(slug, "p1");
        await PostAsync(slug, "p1");

        Assert.Single(await plane.Queries.ListAsync(null, null, 10, CancellationToken.None));
        Assert.Equal(1L, await _forwarding.Server.ScalarAsync<long>("SELECT count(*) FROM management.agent_reports"));
    }
}
