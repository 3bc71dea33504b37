using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Failkit.Identity.Audit;
using Failkit.Identity.Data;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Failkit.Identity.Users;

/// <summary>Single-use, short-lived password links. The token (256 random bits) goes only into the mail in the outbox;
/// the table keeps its SHA-256, so a database reader cannot use a pending link. Consuming is one conditional UPDATE,
/// so a replay or a race finds the link spent.</summary>
public sealed class PasswordResets(IdentityDatabase db, UserStore users, AuditLog audit, TimeProvider time, IOptions<IdentityOptions> options)
{
    /// <summary>Writes a reset mail for an active user; unknown or disabled emails silently get nothing.</summary>
    public async Task RequestAsync(string email, Uri baseUrl, CancellationToken ct)
    {
        var user = await users.FindByEmailAsync(email, ct);
        if (user is not { IsActive: true })
        {
            return;
        }

        await using var conn = await db.OpenAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var link = await IssueAsync(conn, user.Id, baseUrl, options.Value.PasswordResetLifetime, ct);
        await OutboxAsync(conn, user.Email, "Reset your Failkit password",
            $"Someone asked to reset the password of {user.Email}.\n\nSet a new one here (valid for {options.Value.PasswordResetLifetime.TotalMinutes:F0} minutes, once):\n{link}\n\nIf it was not you, ignore this mail.", ct);
        await audit.WriteAsync(conn, AuditKinds.PasswordResetRequested, "anonymous", user.Email, null, ct);
        await tx.CommitAsync(ct);
    }

    /// <summary>An invitation for a user created without a password: the same kind of link, valid longer.</summary>
    public async Task InviteAsync(NpgsqlConnection conn, User user, Uri baseUrl, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(user);
        var lifetime = TimeSpan.FromDays(3);
        var link = await IssueAsync(conn, user.Id, baseUrl, lifetime, ct);
        await OutboxAsync(conn, user.Email, "You are invited to Failkit",
            $"You have been given the {user.Role} role. Choose your password here (valid for 3 days, once):\n{link}", ct);
    }

    public async Task<bool> ResetAsync(string token, string password, CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var now = time.GetUtcNow();
        await using var consume = IdentityDatabase.Command(conn, """
            UPDATE identity.password_resets SET used_at = $2
            WHERE token_sha256 = $1 AND used_at IS NULL AND expires_at > $2
            RETURNING user_id
            """, Hash(token), now);
        if (await consume.ExecuteScalarAsync(ct) is not Guid userId)
        {
            return false;
        }

        await users.SetPasswordAsync(conn, userId, password, ct);
        // Other pending links of the user die with this reset.
        await using (var others = IdentityDatabase.Command(conn, "UPDATE identity.password_resets SET used_at = $2 WHERE user_id = $1 AND used_at IS NULL", userId, now))
        {
            await others.ExecuteNonQueryAsync(ct);
        }

        await audit.WriteAsync(conn, AuditKinds.PasswordReset, "anonymous", userId.ToString(), null, ct);
        await tx.CommitAsync(ct);
        return true;
    }

    private async Task<Uri> IssueAsync(NpgsqlConnection conn, Guid userId, Uri baseUrl, TimeSpan lifetime, CancellationToken ct)
    {
        var token = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        var now = time.GetUtcNow();
        await using var cmd = IdentityDatabase.Command(conn,
            "INSERT INTO identity.password_resets (id, user_id, token_sha256, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)",
            Guid.CreateVersion7(), userId, Hash(token), now, now + lifetime);
        await cmd.ExecuteNonQueryAsync(ct);
        return new Uri(baseUrl, "/account/reset?token=" + token);
    }

    private async Task OutboxAsync(NpgsqlConnection conn, string to, string subject, string body, CancellationToken ct)
    {
        await using var cmd = IdentityDatabase.Command(conn,
            "INSERT INTO identity.outbox (id, to_address, subject, body, created_at) VALUES ($1, $2, $3, $4, $5)",
            Guid.CreateVersion7(), to, subject, body, time.GetUtcNow());
        await cmd.ExecuteNonQueryAsync(ct);
    }

    private static byte[] Hash(string token) => SHA256.HashData(Encoding.UTF8.GetBytes(token));
}
