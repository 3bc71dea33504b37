using Failkit.Protection.Tests.Fixtures;

namespace Failkit.Protection.Tests;

public sealed class RecoveryPointQueriesTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 29, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task LatestForDisk_IsTheNewestPoint_OrTheNewestAtOrBeforeTheGivenTime()
    {
        var tenant = await ProtectedTenant.ProvisionAsync();
        await using var db = new ProtectionDatabase(tenant.AppConnectionString);
        var store = new RecoveryPointStore(db);
        foreach (var hour in new[] { 0, 1, 2 })
        {
            await store.RecordAsync(ProtectedTenant.Report($"p{hour}", "web/d0", T0.AddHours(hour)), CancellationToken.None);
        }

        await store.RecordAsync(ProtectedTenant.Report("other", "db/d0", T0.AddHours(5)), CancellationToken.None);
        var queries = new RecoveryPointQueries(db);

        Assert.Equal("p2", (await queries.LatestForDiskAsync("web/d0", null, CancellationToken.None))?.PointId);
        Assert.Equal("p1", (await queries.LatestForDiskAsync("web/d0", T0.AddHours(1.5), CancellationToken.None))?.PointId);
        // A boundary point counts, whatever offset the caller's clock uses.
        Assert.Equal("p1", (await queries.LatestForDiskAsync("web/d0", T0.AddHours(1).ToOffset(TimeSpan.FromHours(-5)), CancellationToken.None))?.PointId);
        Assert.Null(await queries.LatestForDiskAsync("web/d0", T0.AddMinutes(-1), CancellationToken.None));
        Assert.Null(await queries.LatestForDiskAsync("nope/d0", null, CancellationToken.None));
    }

    [Fact]
    public async Task LatestForDisks_ManyDisks_SameAnswerAsOneByOne()
    {
        var tenant = await ProtectedTenant.ProvisionAsync();
        await using var db = new ProtectionDatabase(tenant.AppConnectionString);
        var store = new RecoveryPointStore(db);
        foreach (var hour in new[] { 0, 1, 2 })
        {
            await store.RecordAsync(ProtectedTenant.Report($"w{hour}", "web/d0", T0.AddHours(hour)), CancellationToken.None);
        }

        await store.RecordAsync(ProtectedTenant.Report("d5", "db/d0", T0.AddHours(5)), CancellationToken.None);
        await store.RecordAsync(ProtectedTenant.Report("x0", "unasked/d0", T0), CancellationToken.None);
        var queries = new RecoveryPointQueries(db);
        string[] disks = ["web/d0", "db/d0", "nope/d0", "web/d0"];

        foreach (var at in new DateTimeOffset?[] { null, T0.AddHours(1.5), T0.AddHours(1).ToOffset(TimeSpan.FromHours(-5)), T0.AddMinutes(-1) })
        {
            var batch = await queries.LatestForDisksAsync(disks, at, CancellationToken.None);
            foreach (var disk in disks)
            {
                Assert.Equal((await queries.LatestForDiskAsync(disk, at, CancellationToken.None))?.PointId, batch.GetValueOrDefault(disk)?.PointId);
            }

            Assert.DoesNotContain("unasked/d0", batch.Keys);
        }

        Assert.Equal("w2", (await queries.LatestForDisksAsync(disks, null, CancellationToken.None))["web/d0"].PointId);
        Assert.Empty(await queries.LatestForDisksAsync([], null, CancellationToken.None));
    }

    [Fact]
    public async Task List_FiltersByDiskAndSince_NewestFirst_UpToTheLimit()
    {
        var tenant = await ProtectedTenant.ProvisionAsync();
        await using var db = new ProtectionDatabase(tenant.AppConnectionString);
        var store = new RecoveryPointStore(db);
        for (var i = 0; i < 4; i++)
        {
            await store.RecordAsync(ProtectedTenant.Report($"w{i}", "web/d0", T0.AddHours(i)), CancellationToken.None);
        }

        await store.RecordAsync(ProtectedTenant.Report("d0", "db/d0", T0.AddHours(9)), CancellationToken.None);
        var queries = new RecoveryPointQueries(db);

        Assert.Equal(["d0", "w3", "w2", "w1", "w0"], (await queries.ListAsync(null, null, 100, CancellationToken.None)).Select(p => p.PointId));
        Assert.Equal(["w3", "w2"], (await queries.ListAsync("web/d0", T0.AddHours(2), 100, CancellationToken.None)).Select(p => p.PointId));
        Assert.Equal(["w3"], (await queries.ListAsync("web/d0", null, 1, CancellationToken.None)).Select(p => p.PointId));
    }
}
