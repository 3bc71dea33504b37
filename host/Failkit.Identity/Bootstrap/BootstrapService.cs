using Failkit.Identity.Audit;
using Failkit.Identity.Data;
using Failkit.Identity.Users;
using Microsoft.Extensions.Options;

namespace Failkit.Identity.Bootstrap;

/// <summary>Creates the tenant's first owner from a bootstrap token. The owner check runs before the token is spent
/// (a set-up tenant does not burn links) and again under a transaction-scoped advisory lock after it, so two
/// concurrent redemptions, even of two different valid tokens, create exactly one owner.</summary>
public sealed class BootstrapService(
    IdentityDatabase db, IBootstrapTokenRedeemer redeemer, UserStore users, AuditLog audit, IOptions<IdentityOptions> options)
{
    private const long LockKey = 0x666b626f6f74; // "fkboot"

    public async Task<bool> OwnerExistsAsync(CancellationToken ct) =>
        await db.ScalarAsync<bool>("SELECT EXISTS (SELECT 1 FROM identity.users WHERE role = 'owner')", ct);

    public async Task<BootstrapOutcome> RedeemAsync(string token, string email, string password, CancellationToken ct)
    {
        if (await OwnerExistsAsync(ct))
        {
            return BootstrapOutcome.OwnerExists;
        }

        var redemption = await redeemer.RedeemAsync(token, ct);
        var expectedTenant = options.Value.TenantId;
        if (redemption.Succeeded && !string.IsNullOrEmpty(expectedTenant) && redemption.TenantId != expectedTenant)
        {
            redemption = BootstrapRedemption.Refused(BootstrapFailure.WrongTenant);
        }

        if (!redemption.Succeeded)
        {
            await audit.WriteAsync(AuditKinds.BootstrapFailed, "anonymous", email, redemption.Failure.ToString(), ct);
            return new BootstrapOutcome(null, redemption.Failure, false);
        }

        await using var conn = await db.OpenAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await using (var lockCmd = IdentityDatabase.Command(conn, $"SELECT pg_advisory_xact_lock({LockKey})"))
        {
            await lockCmd.ExecuteNonQueryAsync(ct);
        }

        await using (var exists = IdentityDatabase.Command(conn, "SELECT EXISTS (SELECT 1 FROM identity.users WHERE role = 'owner')"))
        {
            if ((bool)(await exists.ExecuteScalarAsync(ct))!)
            {
                return BootstrapOutcome.OwnerExists;
            }
        }

        var owner = await users.CreateAsync(conn, email, Roles.Owner, password, ct);
        if (owner is null)
        {
            return BootstrapOutcome.OwnerExists;
        }

        await audit.WriteAsync(conn, AuditKinds.Bootstrap, Actors.User(owner.Email), owner.Id.ToString(), $"tenant {redemption.TenantId}", ct);
        await tx.CommitAsync(ct);
        return new BootstrapOutcome(owner, null, false);
    }
}

public sealed record BootstrapOutcome(User? Owner, BootstrapFailure? Failure, bool AlreadySetUp)
{
    public static BootstrapOutcome OwnerExists { get; } = new(null, null, true);
}
