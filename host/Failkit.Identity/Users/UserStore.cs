using Failkit.Identity.Data;
using Npgsql;

namespace Failkit.Identity.Users;

/// <summary>Users in the tenant database. Every statement is parameterised; filters never become SQL text.</summary>
public sealed class UserStore(IdentityDatabase db, PasswordHasher hasher, TimeProvider time)
{
    public async Task<User?> FindAsync(Guid id, CancellationToken ct) =>
        (await db.QueryAsync($"SELECT {User.Columns} FROM identity.users WHERE id = $1", User.Read, ct, id)).SingleOrDefault();

    public async Task<User?> FindByEmailAsync(string email, CancellationToken ct) =>
        (await db.QueryAsync($"SELECT {User.Columns} FROM identity.users WHERE email_normalized = $1", User.Read, ct, User.Normalize(email))).SingleOrDefault();

    /// <summary>Filters are optional; the email filter matches a substring literally (LIKE wildcards escaped).</summary>
    public Task<List<User>> ListAsync(string? email, string? role, string? status, int limit, CancellationToken ct) =>
        db.QueryAsync($"""
            SELECT {User.Columns} FROM identity.users
            WHERE ($1::text IS NULL OR email_normalized LIKE '%' || $1 || '%' ESCAPE '\')
              AND ($2::text IS NULL OR role = $2)
              AND ($3::text IS NULL OR status = $3)
            ORDER BY email_normalized LIMIT $4
            """, User.Read, ct, email is null ? null : EscapeLike(User.Normalize(email)), role, status, limit);

    /// <summary>Inserts a user; null when the email is taken.</summary>
    public async Task<User?> CreateAsync(NpgsqlConnection conn, string email, string role, string? password, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        await using var cmd = IdentityDatabase.Command(conn, $"""
            INSERT INTO identity.users (id, email, email_normalized, password_hash, role, created_at, updated_at)
            VALUES ($1, $2, $3, $4, $5, $6, $6)
            ON CONFLICT (email_normalized) DO NOTHING
            RETURNING {User.Columns}
            """, Guid.CreateVersion7(), email.Trim(), User.Normalize(email), password is null ? null : hasher.Hash(password), role, now);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? User.Read(reader) : null;
    }

    public async Task<User?> CreateAsync(string email, string role, string? password, CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(ct);
        return await CreateAsync(conn, email, role, password, ct);
    }

    public async Task<bool> SetPasswordAsync(NpgsqlConnection conn, Guid id, string password, CancellationToken ct)
    {
        await using var cmd = IdentityDatabase.Command(conn,
            "UPDATE identity.users SET password_hash = $2, failed_logins = 0, locked_until = NULL, updated_at = $3 WHERE id = $1",
            id, hasher.Hash(password), time.GetUtcNow());
        return await cmd.ExecuteNonQueryAsync(ct) == 1;
    }

    public async Task<bool> UpdateAsync(Guid id, string? role, string? status, CancellationToken ct) =>
        await db.ExecuteAsync(
            "UPDATE identity.users SET role = coalesce($2, role), status = coalesce($3, status), updated_at = $4 WHERE id = $1",
            ct, id, role, status, time.GetUtcNow()) == 1;

    public async Task<bool> DeleteAsync(Guid id, CancellationToken ct) =>
        await db.ExecuteAsync("DELETE FROM identity.users WHERE id = $1", ct, id) == 1;

    /// <summary>Active owners other than <paramref name="except"/>: the last owner may not be demoted, disabled or removed.</summary>
    public async Task<long> CountOtherActiveOwnersAsync(Guid except, CancellationToken ct) =>
        await db.ScalarAsync<long>("SELECT count(*) FROM identity.users WHERE role = 'owner' AND status = 'active' AND id <> $1", ct, except);

    private static string EscapeLike(string value) =>
        value.Replace(@"\", @"\\", StringComparison.Ordinal).Replace("%", @"\%", StringComparison.Ordinal).Replace("_", @"\_", StringComparison.Ordinal);
}
