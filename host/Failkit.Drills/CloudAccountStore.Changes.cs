using Failkit.Protection;
using Npgsql;

namespace Failkit.Drills;

/// <summary>Deleting accounts, with the caller's audit <see cref="Recorder"/> in the same transaction.</summary>
public sealed partial class CloudAccountStore
{
    /// <summary>Called inside a change's transaction with the account before (null: created) and after (null: deleted),
    /// as the API shows it: the secret is never part of it.</summary>
    public delegate Task Recorder(NpgsqlConnection conn, CloudAccountView? before, CloudAccountView? after);

    /// <summary>Deletes an account no protection group uses.</summary>
    public async Task<ChangeOutcome> DeleteAsync(Guid id, Recorder? record, CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        CloudAccountView before;
        await using (var cmd = ProtectionDatabase.Command(conn, $"SELECT {Columns} FROM drills.cloud_accounts WHERE id = $1 FOR UPDATE", id))
        await using (var reader = await cmd.ExecuteReaderAsync(ct))
        {
            if (!await reader.ReadAsync(ct))
            {
                return ChangeOutcome.NotFound;
            }

            before = Read(reader);
        }

        await using (var used = ProtectionDatabase.Command(conn, "SELECT 1 FROM drills.protection_groups WHERE cloud_account_id = $1 LIMIT 1", id))
        {
            if (await used.ExecuteScalarAsync(ct) is not null)
            {
                return ChangeOutcome.InUse;
            }
        }

        await using (var cmd = ProtectionDatabase.Command(conn, "DELETE FROM drills.cloud_accounts WHERE id = $1", id))
        {
            await cmd.ExecuteNonQueryAsync(ct);
        }

        if (record is not null)
        {
            await record(conn, before, null);
        }

        await tx.CommitAsync(ct);
        return ChangeOutcome.Done;
    }
}
