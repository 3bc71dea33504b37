using Failkit.Tenancy;
using Npgsql;

namespace Failkit.Management.Tenants;

/// <summary>The tenant registry: create, look up, suspend, reactivate and delete tenants.</summary>
public sealed partial class TenantRegistry(ManagementDatabase db, TimeProvider time)
{
    private const string Columns = "id, slug, tier, status, created_at, contact_email, onboarding_instance_id";

    /// <summary>Creates an active tenant; returns null when the slug is taken.</summary>
    public async Task<Tenant?> CreateAsync(string slug, TenantTier tier, CancellationToken ct = default)
    {
        if (TenantSlug.Validate(slug) is { } problem)
        {
            throw new ArgumentException(problem, nameof(slug));
        }

        var now = time.GetUtcNow();
        var tenant = new Tenant(Guid.CreateVersion7(now), slug, tier, TenantStatus.Active, now);
        await using var conn = await db.OpenAsync(ct);
        await using var cmd = Sql.Command(conn, """
            INSERT INTO management.tenants (id, slug, tier, status, created_at, status_changed_at)
            VALUES ($1, $2, $3, $4, $5, $5) ON CONFLICT (slug) DO NOTHING
            """, tenant.Id, slug, tier.ToString(), tenant.Status.ToString(), now);
        return await cmd.ExecuteNonQueryAsync(ct) == 1 ? tenant : null;
    }

    public async Task<Tenant?> FindAsync(string slug, CancellationToken ct = default)
    {
        await using var conn = await db.OpenAsync(ct);
        await using var cmd = Sql.Command(conn, $"SELECT {Columns} FROM management.tenants WHERE slug = $1", slug);
        return await ReadOneAsync(cmd, ct);
    }

    public async Task<Tenant?> FindAsync(Guid id, CancellationToken ct = default)
    {
        await using var conn = await db.OpenAsync(ct);
        await using var cmd = Sql.Command(conn, $"SELECT {Columns} FROM management.tenants WHERE id = $1", id);
        return await ReadOneAsync(cmd, ct);
    }

    /// <summary>Suspends or reactivates an onboarded tenant. A deleted tenant stays deleted and one still provisioning
    /// is left to its onboarding: returns null for them and for an unknown slug.</summary>
    public async Task<Tenant?> SetStatusAsync(string slug, TenantStatus status, CancellationToken ct = default)
    {
        if (status == TenantStatus.Deleted)
        {
            return await DeleteAsync(slug, ct);
        }

        await using var conn = await db.OpenAsync(ct);
        await using var cmd = Sql.Command(conn, $"""
            UPDATE management.tenants SET status = $2, status_changed_at = $3
            WHERE slug = $1 AND status IN ('Active', 'Suspended') RETURNING {Columns}
            """, slug, status.ToString(), time.GetUtcNow());
        return await ReadOneAsync(cmd, ct);
    }

    /// <summary>Marks the tenant deleted, revokes every certificate issued to it and voids its unused tokens, in one
    /// transaction. The row stays so the slug is never handed to someone else while certificates naming it live.</summary>
    public async Task<Tenant?> DeleteAsync(string slug, CancellationToken ct = default)
    {
        var now = time.GetUtcNow();
        await using var conn = await db.OpenAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        Tenant? tenant;
        await using (var cmd = Sql.Command(conn, $"""
            UPDATE management.tenants SET status = 'Deleted', status_changed_at = $2
            WHERE slug = $1 AND status <> 'Deleted' RETURNING {Columns}
            """, slug, now))
        {
            tenant = await ReadOneAsync(cmd, ct);
        }

        if (tenant is null)
        {
            return null;
        }

        await using (var revoke = Sql.Command(conn,
            "UPDATE management.issued_certificates SET revoked_at = $2 WHERE tenant_id = $1 AND revoked_at IS NULL", tenant.Id, now))
        {
            await revoke.ExecuteNonQueryAsync(ct);
        }

        await using (var tokens = Sql.Command(conn,
            "DELETE FROM management.bootstrap_tokens WHERE tenant_id = $1 AND used_at IS NULL", tenant.Id))
        {
            await tokens.ExecuteNonQueryAsync(ct);
        }

        await tx.CommitAsync(ct);
        return tenant;
    }

    private static async Task<Tenant?> ReadOneAsync(NpgsqlCommand cmd, CancellationToken ct)
    {
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct))
        {
            return null;
        }

        return Read(reader);
    }
}
