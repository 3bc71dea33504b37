using Failkit.Identity.Audit;
using Failkit.Identity.Data;
using Microsoft.Extensions.Options;

namespace Failkit.Identity.Users;

/// <summary>Email + password checks with lockout. Every path runs exactly one bcrypt verification, whether the email
/// is unknown, the account locked or disabled, so response times do not tell which emails exist.</summary>
public sealed class LoginService(IdentityDatabase db, PasswordHasher hasher, AuditLog audit, TimeProvider time, IOptions<IdentityOptions> options)
{
    public async Task<LoginResult> LoginAsync(string email, string password, CancellationToken ct)
    {
        var normalized = User.Normalize(email);
        var row = (await db.QueryAsync(
            $"SELECT {User.Columns}, password_hash FROM identity.users WHERE email_normalized = $1",
            r => (User: User.Read(r), Hash: r.IsDBNull(6) ? null : r.GetString(6)), ct, normalized)).SingleOrDefault();
        if (row.User is null)
        {
            hasher.VerifyUnknown(password);
            await audit.WriteAsync(AuditKinds.LoginFailed, "anonymous", normalized, "unknown email", ct);
            return LoginResult.Failed;
        }

        var ok = hasher.Verify(password, row.Hash);
        var now = time.GetUtcNow();
        if (row.User.LockedUntil > now)
        {
            await audit.WriteAsync(AuditKinds.LoginFailed, "anonymous", normalized, "locked out", ct);
            return LoginResult.LockedOut;
        }

        if (!row.User.IsActive)
        {
            await audit.WriteAsync(AuditKinds.LoginFailed, "anonymous", normalized, "disabled", ct);
            return LoginResult.Failed;
        }

        if (ok)
        {
            await db.ExecuteAsync("UPDATE identity.users SET failed_logins = 0, locked_until = NULL WHERE id = $1", ct, row.User.Id);
            await audit.WriteAsync(AuditKinds.LoginSucceeded, Actors.User(row.User.Email), normalized, null, ct);
            return new LoginResult(LoginOutcome.Succeeded, row.User);
        }

        // One statement, so concurrent failures count each other and the lock starts exactly at the threshold.
        var o = options.Value;
        var locked = await db.ScalarAsync<bool>("""
            UPDATE identity.users
            SET failed_logins = CASE WHEN failed_logins + 1 >= $2 THEN 0 ELSE failed_logins + 1 END,
                locked_until = CASE WHEN failed_logins + 1 >= $2 THEN $3 ELSE locked_until END
            WHERE id = $1
            RETURNING locked_until IS NOT NULL AND locked_until > $4
            """, ct, row.User.Id, o.LockoutThreshold, now + o.LockoutDuration, now);
        await audit.WriteAsync(AuditKinds.LoginFailed, "anonymous", normalized, "wrong password", ct);
        if (locked)
        {
            await audit.WriteAsync(AuditKinds.LockedOut, "system", normalized, $"{o.LockoutThreshold} failures in a row", ct);
            return LoginResult.LockedOut;
        }

        return LoginResult.Failed;
    }
}

public enum LoginOutcome
{
    Succeeded,
    Failed,
    LockedOut,
}

public sealed record LoginResult(LoginOutcome Outcome, User? User)
{
    public static LoginResult Failed { get; } = new(LoginOutcome.Failed, null);

    public static LoginResult LockedOut { get; } = new(LoginOutcome.LockedOut, null);
}

/// <summary>How principals are named in the audit log.</summary>
public static class Actors
{
    public static string User(string email) => "user:" + email;

    public static string Client(string clientId) => "client:" + clientId;

    public static string Support(string @operator, Guid grantId) => $"support:{@operator} (grant {grantId})";
}
