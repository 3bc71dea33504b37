using Failkit.Tenancy;
using Npgsql;

namespace Failkit.Management.Tenants;

public sealed partial class TenantRegistry
{
    /// <summary>Registers a tenant to onboard (status Provisioning); returns null when the slug is taken, deleted
    /// tenants' slugs included.</summary>
    public async Task<Tenant?> RegisterAsync(string slug, TenantTier tier, string? contactEmail, CancellationToken ct = default)
    {
        if (TenantSlug.Validate(slug) is { } problem)
        {
            throw new ArgumentException(problem, nameof(slug));
        }

        var now = time.GetUtcNow();
        await using var conn = await db.OpenAsync(ct);
        await using var cmd = Sql.Command(conn, $"""
            INSERT INTO management.tenants (id, slug, tier, status, created_at, status_changed_at, contact_email)
            VALUES ($1, $2, $3, 'Provisioning', $4, $4, $5) ON CONFLICT (slug) DO NOTHING RETURNING {Columns}
            """, Guid.CreateVersion7(now), slug, tier.ToString(), now, contactEmail);
        return await ReadOneAsync(cmd, ct);
    }

    /// <summary>Records the onboarding workflow instance of a tenant.</summary>
    public async Task SetOnboardingInstanceAsync(Guid tenantId, string instanceId, CancellationToken ct = default)
    {
        await using var conn = await db.OpenAsync(ct);
        await using var cmd = Sql.Command(conn,
            "UPDATE management.tenants SET onboarding_instance_id = $2 WHERE id = $1", tenantId, instanceId);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Provisioning → Active, the onboarding's last state change. Idempotent: an already active tenant is
    /// returned as it is; a suspended or deleted one is not brought back (null).</summary>
    public async Task<Tenant?> ActivateAsync(string slug, CancellationToken ct = default)
    {
        await using var conn = await db.OpenAsync(ct);
        await using (var cmd = Sql.Command(conn, $"""
            UPDATE management.tenants SET status = 'Active', status_changed_at = $2
            WHERE slug = $1 AND status = 'Provisioning' RETURNING {Columns}
            """, slug, time.GetUtcNow()))
        {
            if (await ReadOneAsync(cmd, ct) is { } activated)
            {
                return activated;
            }
        }

        return await FindAsync(slug, ct) is { Status: TenantStatus.Active } active ? active : null;
    }

    /// <summary>Every tenant in one of the given states, oldest first.</summary>
    public async Task<IReadOnlyList<Tenant>> ListAsync(IReadOnlyCollection<TenantStatus> statuses, CancellationToken ct = default)
    {
        await using var conn = await db.OpenAsync(ct);
        await using var cmd = Sql.Command(conn, $"SELECT {Columns} FROM management.tenants WHERE status = ANY($1) ORDER BY created_at",
            (object)statuses.Select(s => s.ToString()).ToArray());
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        var list = new List<Tenant>();
        while (await reader.ReadAsync(ct))
        {
            list.Add(Read(reader));
        }

        return list;
    }

    private static Tenant Read(NpgsqlDataReader reader) => new(
        reader.GetGuid(0),
        reader.GetString(1),
        Enum.Parse<TenantTier>(reader.GetString(2)),
        Enum.Parse<TenantStatus>(reader.GetString(3)),
        reader.GetFieldValue<DateTimeOffset>(4))
    {
        ContactEmail = reader.IsDBNull(5) ? null : reader.GetString(5),
        OnboardingInstanceId = reader.IsDBNull(6) ? null : reader.GetString(6),
    };
}
