using Failkit.Gateway;
using Failkit.Management.Tenants;
using Failkit.Orchestration;
using Failkit.Tenancy;
using Failkit.Tenancy.Evidence;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Failkit.Management.Planes;

/// <summary>Runs tenant planes and keeps the gateway's routes in step: start (with the contract's configuration,
/// docs/decisions/planes-internal-api.md), route, suspend, stop. Every call is idempotent.</summary>
public sealed class TenantPlanes(
    IOrchestrator orchestrator,
    ITenantRouteTable routes,
    TenantCredentials credentials,
    TenantKeyRings keyRings,
    TenantDatabaseProvisioner provisioner,
    ManagementOptions options,
    IEnumerable<ITenantSchemaUpgrade> upgrades,
    ILogger<TenantPlanes> log)
{
    /// <summary>The browser address of a tenant: the gateway's scheme and port under <c>&lt;slug&gt;.&lt;host&gt;</c>.</summary>
    public Uri PublicUrlOf(string slug) =>
        new UriBuilder(options.PublicUrl) { Host = $"{slug}.{options.PublicUrl.Host}", Path = "/" }.Uri;

    /// <summary>Starts the tenant's plane (or finds it running) and returns its direct endpoint.</summary>
    public async Task<Uri> StartAsync(Tenant tenant, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        var slug = TenantSlug.Parse(tenant.Slug);
        var passwords = await credentials.PasswordsAsync(slug, ct);
        var database = provisioner.Describe(slug, passwords);
        var settings = new Dictionary<string, string>(options.TenantPlaneSettings, StringComparer.Ordinal)
        {
            ["Failkit:Tenant:Slug"] = slug.Value,
            ["Failkit:Tenant:Id"] = tenant.Id.ToString(),
            ["Failkit:Tenant:Tier"] = tenant.Tier.ToString(),
            ["Failkit:Tenant:PublicUrl"] = PublicUrlOf(slug.Value).AbsoluteUri.TrimEnd('/'),
            [EvidenceSchema.KeyRingDirectoryKey] = keyRings.DirectoryOf(slug),
            [PlaneKeys.ConfigurationKey] = await credentials.PlaneKeyAsync(slug, ct),
            // The application role may not change the schema; the onboarding migrated it as the owner.
            ["Failkit:Database:Migrate"] = "false",
        };
        // The person who received the bootstrap link stands in for the owner until one exists
        // (docs/decisions/notifications-demo-mail.md).
        if (!string.IsNullOrWhiteSpace(tenant.ContactEmail))
        {
            settings["Failkit:Tenant:ContactEmail"] = tenant.ContactEmail;
        }

        if (options.InternalUrl is { } management)
        {
            settings["Failkit:Management:Url"] = management.AbsoluteUri.TrimEnd('/');
        }

        return await orchestrator.StartTenantAsync(new TenantWorkload(slug.Value, database.AppConnectionString, Settings: settings), ct);
    }

    /// <summary>Points the gateway at the running plane; a plane that is not running is started first.</summary>
    public async Task RouteAsync(Tenant tenant, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        var endpoint = await orchestrator.GetEndpointAsync(tenant.Slug, ct) ?? await StartAsync(tenant, ct);
        routes.Set(new TenantRoute(tenant.Slug, endpoint));
    }

    /// <summary>The route answers 404 at once, then the plane stops.</summary>
    public async Task SuspendAsync(string slug, CancellationToken ct = default)
    {
        if (routes.Find(slug) is { } route)
        {
            routes.Set(route with { Status = TenantRouteStatus.Suspended });
        }

        await orchestrator.StopTenantAsync(slug, ct);
        log.LogInformation("Tenant {Slug} suspended: route closed, plane stopped", slug);
    }

    /// <summary>A deleted tenant: route removed, plane stopped, and both database roles lose LOGIN (sessions still
    /// open are ended). The database itself is kept for the retention period; see
    /// docs/decisions/management-tenant-delete.md.</summary>
    public async Task RemoveAsync(string slug, CancellationToken ct = default)
    {
        routes.Remove(slug);
        await orchestrator.StopTenantAsync(slug, ct);
        if (options.AdminConnectionString is not { } admin)
        {
            return;
        }

        var tenant = TenantSlug.Parse(slug);
        await using var conn = new NpgsqlConnection(admin);
        await conn.OpenAsync(ct);
        // A tenant whose onboarding never got as far as its roles has none to lock.
        var roles = new List<string>();
        await using (var existing = new NpgsqlCommand("SELECT rolname FROM pg_roles WHERE rolname IN ($1, $2)", conn))
        {
            existing.Parameters.Add(new NpgsqlParameter { Value = tenant.AppRole });
            existing.Parameters.Add(new NpgsqlParameter { Value = tenant.OwnerRole });
            await using var reader = await existing.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                roles.Add(reader.GetString(0));
            }
        }

        foreach (var role in roles)
        {
            // Role names come from a validated slug (letters, digits, underscores), so quoting them is enough.
            await using var lockRole = new NpgsqlCommand($"""ALTER ROLE "{role}" NOLOGIN""", conn);
            await lockRole.ExecuteNonQueryAsync(ct);
        }

        await using var terminate = new NpgsqlCommand("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE usename IN ($1, $2)", conn);
        terminate.Parameters.Add(new NpgsqlParameter { Value = tenant.AppRole });
        terminate.Parameters.Add(new NpgsqlParameter { Value = tenant.OwnerRole });
        await terminate.ExecuteScalarAsync(ct);
        log.LogInformation("Tenant {Slug} deleted: route removed, plane stopped, database roles locked", slug);
    }

    /// <summary>After a management restart: every active tenant's plane started and routed again, every suspended
    /// tenant known to the gateway as suspended. One tenant that fails to start does not keep the others down.</summary>
    public async Task RestoreAsync(TenantRegistry registry, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(registry);
        foreach (var tenant in await registry.ListAsync([TenantStatus.Active, TenantStatus.Suspended], ct))
        {
            try
            {
                if (tenant.Status == TenantStatus.Active)
                {
                    // The derived passwords follow the management secret; re-asserting them is cheap and idempotent.
                    var slug = TenantSlug.Parse(tenant.Slug);
                    var passwords = await credentials.PasswordsAsync(slug, ct);
                    await provisioner.EnsureRolesAsync(slug, passwords, ct);
                    // A tenant onboarded by an older build gets this build's schemas before its plane starts: the plane
                    // runs as the app role and may not migrate itself.
                    foreach (var upgrade in upgrades)
                    {
                        await upgrade.UpgradeAsync(provisioner.Describe(slug, passwords), ct);
                    }

                    await RouteAsync(tenant, ct);
                }
                else
                {
                    routes.Set(new TenantRoute(tenant.Slug, PublicUrlOf(tenant.Slug), TenantRouteStatus.Suspended));
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                log.LogError(ex, "Tenant {Slug} plane could not be restored", tenant.Slug);
            }
        }
    }
}
