using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Npgsql;

namespace Failkit.Activities.Notifications;

/// <summary>A tenant webhook as the API shows it: never the secret.</summary>
public sealed record TenantWebhook(Guid Id, string Name, string Url, DateTimeOffset CreatedAt, string CreatedBy);

/// <summary><c>notifications.tenant_webhooks</c> over the plane's scoped connection (RLS keeps it to this tenant). The
/// signing secret is generated here and stored protected under the tenant's Data Protection ring, like cloud-account
/// secrets; only <see cref="SecretsAsync"/> opens it, for a delivery from this plane.</summary>
public sealed class TenantWebhookStore(string connectionString, IDataProtectionProvider protection, TimeProvider time) : IAsyncDisposable
{
    // The purpose keeps the name of the assembly it was first written in: secrets already stored are opened with it.
    public const string SecretPurpose = "Failkit.Host.TenantWebhookSecret.v1";

    private readonly NpgsqlDataSource _db = NpgsqlDataSource.Create(connectionString);

    private IDataProtector Protector => protection.CreateProtector(SecretPurpose);

    /// <summary>Stores the webhook and returns it with its new secret, which is never readable again.</summary>
    public async Task<(TenantWebhook Webhook, string Secret)> CreateAsync(string name, Uri url, string createdBy, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(url);
        var secret = "whsec_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        var webhook = new TenantWebhook(Guid.NewGuid(), name, url.AbsoluteUri, time.GetUtcNow(), createdBy);
        await using var cmd = _db.CreateCommand("""
            INSERT INTO notifications.tenant_webhooks (id, name, url, secret_protected, created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6)
            """);
        foreach (var v in new object[] { webhook.Id, webhook.Name, webhook.Url, Protector.Protect(secret), createdBy, webhook.CreatedAt })
        {
            cmd.Parameters.AddWithValue(v);
        }

        await cmd.ExecuteNonQueryAsync(ct);
        return (webhook, secret);
    }

    public async Task<IReadOnlyList<TenantWebhook>> ListAsync(CancellationToken ct) =>
        (await SecretsAsync(ct)).Select(w => w.Webhook).ToList();

    public async Task<TenantWebhook?> FindAsync(Guid id, CancellationToken ct) =>
        (await SecretsAsync(ct)).Select(w => w.Webhook).FirstOrDefault(w => w.Id == id);

    public async Task<bool> DeleteAsync(Guid id, CancellationToken ct)
    {
        await using var cmd = _db.CreateCommand("DELETE FROM notifications.tenant_webhooks WHERE id = $1");
        cmd.Parameters.AddWithValue(id);
        return await cmd.ExecuteNonQueryAsync(ct) > 0;
    }

    /// <summary>Every webhook with its opened secret, for a delivery signed by this plane.</summary>
    public async Task<IReadOnlyList<(TenantWebhook Webhook, string Secret)>> SecretsAsync(CancellationToken ct)
    {
        await using var cmd = _db.CreateCommand("""
            SELECT id, name, url, created_at, created_by, secret_protected FROM notifications.tenant_webhooks ORDER BY created_at, id
            """);
        var rows = new List<(TenantWebhook, string)>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
        {
            rows.Add((new TenantWebhook(r.GetGuid(0), r.GetString(1), r.GetString(2), r.GetFieldValue<DateTimeOffset>(3), r.GetString(4)),
                Protector.Unprotect(r.GetString(5))));
        }

        return rows;
    }

    public ValueTask DisposeAsync() => _db.DisposeAsync();
}
