using System.Text.Json.Nodes;
using Failkit.Drills.Cloud;
using Failkit.Protection;
using Microsoft.AspNetCore.DataProtection;
using Npgsql;

namespace Failkit.Drills;

/// <summary>A cloud account to create or replace. The secret is encrypted before it reaches the database and is never
/// read back through the API.</summary>
public sealed record CloudAccountInput(
    string Name,
    CloudKind Kind,
    string Region,
    DrillNetwork Network,
    IReadOnlyDictionary<string, string>? InstanceTypes,
    IReadOnlyDictionary<string, string>? Tags,
    JsonObject? Settings,
    JsonObject? Secret);

public sealed partial class CloudAccountStore(ProtectionDatabase db, IDataProtectionProvider protection, TimeProvider time)
{
    /// <summary>The Data Protection purpose of account secrets; a ciphertext of another purpose does not open.</summary>
    public const string SecretPurpose = "Failkit.Drills.CloudAccountSecret.v1";

    private const string Columns = "id, name, kind, region, network, instance_types, tags, settings, updated_at";

    private IDataProtector Protector => protection.CreateProtector(SecretPurpose);

    public Task<CloudAccountView> CreateAsync(CloudAccountInput input, CancellationToken ct) => CreateAsync(input, null, ct);

    /// <param name="record">Runs inside the transaction with the account as the API shows it (no secret).</param>
    public async Task<CloudAccountView> CreateAsync(CloudAccountInput input, Recorder? record, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(input);
        var now = time.GetUtcNow();
        await using var conn = await db.OpenAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        CloudAccountView created;
        await using (var cmd = ProtectionDatabase.Command(conn, $"""
            INSERT INTO drills.cloud_accounts (id, name, kind, region, network, instance_types, tags, settings, protected_secret, created_at, updated_at)
            VALUES ($1, $2, $3, $4, $5::jsonb, $6::jsonb, $7::jsonb, $8::jsonb, $9, $10, $10)
            RETURNING {Columns}
            """, Guid.CreateVersion7(now), input.Name, input.Kind.ToString(), input.Region, DrillsJson.Serialize(input.Network),
            DrillsJson.Serialize(input.InstanceTypes ?? new Dictionary<string, string>()), DrillsJson.Serialize(input.Tags ?? new Dictionary<string, string>()),
            (input.Settings ?? []).ToJsonString(), Protector.Protect((input.Secret ?? []).ToJsonString()), now))
        await using (var reader = await cmd.ExecuteReaderAsync(ct))
        {
            await reader.ReadAsync(ct);
            created = Read(reader);
        }

        if (record is not null)
        {
            await record(conn, null, created);
        }

        await tx.CommitAsync(ct);
        return created;
    }

    public async Task<IReadOnlyList<CloudAccountView>> ListAsync(CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(ct);
        await using var cmd = ProtectionDatabase.Command(conn, $"SELECT {Columns} FROM drills.cloud_accounts ORDER BY name");
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        var list = new List<CloudAccountView>();
        while (await reader.ReadAsync(ct))
        {
            list.Add(Read(reader));
        }

        return list;
    }

    public async Task<CloudAccountView?> FindAsync(Guid id, CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(ct);
        await using var cmd = ProtectionDatabase.Command(conn, $"SELECT {Columns} FROM drills.cloud_accounts WHERE id = $1", id);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? Read(reader) : null;
    }

    public async Task<bool> ExistsByNameAsync(string name, CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(ct);
        await using var cmd = ProtectionDatabase.Command(conn, "SELECT 1 FROM drills.cloud_accounts WHERE name = $1", name);
        return await cmd.ExecuteScalarAsync(ct) is not null;
    }

    /// <summary>The account with its secret decrypted, for a provider to use; null when it does not exist.</summary>
    public async Task<CloudAccount?> OpenAsync(Guid id, CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(ct);
        await using var cmd = ProtectionDatabase.Command(conn, $"SELECT {Columns}, protected_secret FROM drills.cloud_accounts WHERE id = $1", id);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct))
        {
            return null;
        }

        var view = Read(reader);
        var secret = JsonNode.Parse(Protector.Unprotect(reader.GetString(9)))?.AsObject() ?? [];
        return new CloudAccount(view.Id, view.Name, view.Kind, view.Region, view.Network, view.InstanceTypes, view.Tags, view.Settings, secret);
    }

    private static CloudAccountView Read(NpgsqlDataReader r) => new(
        r.GetGuid(0),
        r.GetString(1),
        Enum.Parse<CloudKind>(r.GetString(2)),
        r.GetString(3),
        DrillsJson.Deserialize<DrillNetwork>(r.GetString(4)),
        DrillsJson.Deserialize<Dictionary<string, string>>(r.GetString(5)),
        DrillsJson.Deserialize<Dictionary<string, string>>(r.GetString(6)),
        JsonNode.Parse(r.GetString(7))?.AsObject() ?? [],
        r.GetFieldValue<DateTimeOffset>(8));
}
