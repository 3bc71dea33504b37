using System.Net;
using Failkit.Evidence.Tests.Fixtures;
using Failkit.Tenancy;
using Failkit.Testing;

namespace Failkit.Evidence.Tests;

/// <summary>Tenant B's plane cannot serve tenant A's report, and a session scoped to another tenant sees no report row.</summary>
public sealed class ReportIsolationTests
{
    [Fact]
    public async Task TenantB_CannotDownloadTenantAsReport()
    {
        await using var a = await EvidencePlane.StartAsync();
        await using var b = await EvidencePlane.StartAsync();
        var group = await a.GroupAsync((await a.SimAccountAsync()).Id, [("web-1", 1)], pointAge: TimeSpan.FromMinutes(1));
        var drill = await a.FinishedDrillAsync(group);
        Assert.NotNull(await a.Get<ReportChain>().AppendAsync(drill, CancellationToken.None));
        using var asA = await a.ApiClientAsync("auditor");
        Assert.Equal(HttpStatusCode.OK, (await asA.GetAsync($"/api/drills/{drill}/report.pdf")).StatusCode);

        using var asB = await b.ApiClientAsync("admin");
        foreach (var file in new[] { "report.pdf", "report.json", "report.sig" })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await asB.GetAsync($"/api/drills/{drill}/{file}")).StatusCode);
        }

        var other = TenantConnectionStrings.Scope(a.Tenant.AppConnectionString, TenantSlug.Parse("other-tenant"));
        Assert.Equal(0, await TestSql.ScalarAsync<long>(other, "SELECT count(*) FROM evidence.reports"));
        Assert.Equal(1, await TestSql.ScalarAsync<long>(a.Tenant.AppConnectionString, "SELECT count(*) FROM evidence.reports"));
    }
}
