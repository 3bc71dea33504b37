using Failkit.Protection.Tests.Fixtures;
using Failkit.Tenancy;
using Npgsql;

namespace Failkit.Protection.Tests;

public sealed class RecoveryPointStoreTests
{
    private const string Count = "SELECT count(*) FROM protection.recovery_points";

    [Fact]
    public async Task Record_AsTheAppRole_IsStampedWithTheTenant_AndInvisibleWithoutTheGuc()
    {
        var tenant = await ProtectedTenant.ProvisionAsync();
        await using var db = new ProtectionDatabase(tenant.AppConnectionString);

        var (outcome, point) = await new RecoveryPointStore(db).RecordAsync(ProtectedTenant.Report(), CancellationToken.None);

        Assert.Equal(RecordOutcome.Created, outcome);
        Assert.Equal("vm1/disk0", point.Disk);
        var superuser = await ProtectedTenant.SuperuserAsync(tenant);
        Assert.Equal(tenant.Slug.Value, await ProtectedTenant.ScalarAsync<string>(superuser, "SELECT tenant_id FROM protection.recovery_points WHERE id = $1", point.Id));
        Assert.Equal(1L, await ProtectedTenant.ScalarAsync<long>(tenant.AppConnectionString, Count));
        Assert.Equal(0L, await ProtectedTenant.ScalarAsync<long>(ProtectedTenant.Unscoped(tenant.AppConnectionString), Count));
        Assert.Equal(0L, await ProtectedTenant.ScalarAsync<long>(TenantConnectionStrings.Scope(tenant.AppConnectionString, TenantSlug.Parse("globex")), Count));
    }

    [Fact]
    public async Task Record_OnAnUnscopedConnection_IsRefusedByRls()
    {
        var tenant = await ProtectedTenant.ProvisionAsync();
        await using var db = new ProtectionDatabase(ProtectedTenant.Unscoped(tenant.AppConnectionString));

        var error = await Assert.ThrowsAsync<PostgresException>(() => new RecoveryPointStore(db).RecordAsync(ProtectedTenant.Report(), CancellationToken.None));

        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, error.SqlState);
        Assert.Equal(0L, await ProtectedTenant.ScalarAsync<long>(await ProtectedTenant.SuperuserAsync(tenant), Count));
    }

    [Fact]
    public async Task Record_SameReportTwice_IsADuplicate_AndDifferentMetadataIsAConflictThatKeepsTheFirst()
    {
        var tenant = await ProtectedTenant.ProvisionAsync();
        await using var db = new ProtectionDatabase(tenant.AppConnectionString);
        var store = new RecoveryPointStore(db);
        var report = ProtectedTenant.Report();
        var (_, first) = await store.RecordAsync(report, CancellationToken.None);

        // Re-sent under a renewed certificate and taken again later: still the same point.
        var (again, same) = await store.RecordAsync(report with { CertificateSerial = "FF", ReceivedAt = report.ReceivedAt.AddHours(1) }, CancellationToken.None);
        var (conflict, kept) = await store.RecordAsync(report with { BytesUploaded = report.BytesUploaded + 1 }, CancellationToken.None);

        Assert.Equal(RecordOutcome.Duplicate, again);
        Assert.Equal(first, same);
        Assert.Equal(RecordOutcome.Conflict, conflict);
        Assert.Equal(first, kept);
        Assert.Equal(1L, await ProtectedTenant.ScalarAsync<long>(tenant.AppConnectionString, Count));
    }

    [Fact]
    public async Task Record_SamePointIdOnAnotherDisk_IsANewPoint()
    {
        var tenant = await ProtectedTenant.ProvisionAsync();
        await using var db = new ProtectionDatabase(tenant.AppConnectionString);
        var store = new RecoveryPointStore(db);

        var (a, _) = await store.RecordAsync(ProtectedTenant.Report(disk: "vm1/disk0"), CancellationToken.None);
        var (b, _) = await store.RecordAsync(ProtectedTenant.Report(disk: "vm1/disk1"), CancellationToken.None);

        Assert.Equal(RecordOutcome.Created, a);
        Assert.Equal(RecordOutcome.Created, b);
    }
}
