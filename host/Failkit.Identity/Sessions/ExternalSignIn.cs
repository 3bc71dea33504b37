using Failkit.Identity.Audit;
using Failkit.Identity.Data;
using Failkit.Identity.Users;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;

namespace Failkit.Identity.Sessions;

/// <summary>What an SSO protocol handler learned about the person once it has checked the assertion or ID token.
/// <paramref name="Role"/> is the role mapped from the IdP's claim or attribute, or null for the tenant's default.</summary>
public sealed record ExternalIdentity(string Provider, string Subject, string Email, string? DisplayName, string? Role);

/// <summary>Called by the SSO handlers after a successful login: finds or creates (just in time) the user and starts
/// the cookie session.</summary>
public interface IExternalSignIn
{
    Task<ExternalSignInResult> SignInAsync(HttpContext http, ExternalIdentity identity);
}

public enum ExternalSignInResult
{
    SignedIn,

    /// <summary>The user exists but is disabled.</summary>
    Disabled,

    /// <summary>The identity is incomplete (no subject or a malformed email).</summary>
    Invalid,
}

/// <summary>Matches by (provider, subject) first, then links an existing user by email; otherwise creates one with
/// the mapped role (operator when none or an unknown one is given; never owner, which only bootstrap and owners
/// grant). An existing user's role follows the IdP's mapping on each login, except an owner's.</summary>
public sealed class ExternalSignIn(IdentityDatabase db, UserStore users, AuditLog audit, TimeProvider time) : IExternalSignIn
{
    public async Task<ExternalSignInResult> SignInAsync(HttpContext http, ExternalIdentity identity)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(identity);
        if (string.IsNullOrWhiteSpace(identity.Provider) || string.IsNullOrWhiteSpace(identity.Subject) || Validation.EmailError(identity.Email) is not null)
        {
            return ExternalSignInResult.Invalid;
        }

        var ct = http.RequestAborted;
        var role = identity.Role is { } r && Roles.IsKnown(r) && r != Roles.Owner ? r : Roles.Operator;
        var linked = await db.ScalarAsync<Guid?>(
            "SELECT user_id FROM identity.external_logins WHERE provider = $1 AND subject = $2", ct, identity.Provider, identity.Subject);
        var user = linked is { } id ? await users.FindAsync(id, ct) : await users.FindByEmailAsync(identity.Email, ct);
        if (user is null)
        {
            user = await users.CreateAsync(identity.Email, role, null, ct) ?? await users.FindByEmailAsync(identity.Email, ct);
            await audit.WriteAsync(AuditKinds.ExternalUserCreated, $"sso:{identity.Provider}", identity.Email, $"role {role}", ct);
        }
        else if (user.Role != Roles.Owner && user.Role != role && identity.Role is not null)
        {
            await users.UpdateAsync(user.Id, role, null, ct);
            await audit.WriteAsync(AuditKinds.UserRoleChanged, $"sso:{identity.Provider}", user.Email, $"role {role}", ct);
            user = user with { Role = role };
        }

        if (user is not { IsActive: true })
        {
            return ExternalSignInResult.Disabled;
        }

        if (linked is null)
        {
            await db.ExecuteAsync(
                "INSERT INTO identity.external_logins (provider, subject, user_id, created_at) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING",
                ct, identity.Provider, identity.Subject, user.Id, time.GetUtcNow());
        }

        await audit.WriteAsync(AuditKinds.LoginSucceeded, Actors.User(user.Email), user.Email, $"sso:{identity.Provider}", ct);
        await http.SignInAsync(CookieSessions.Scheme, Principals.ForUser(user, CookieSessions.Scheme));
        return ExternalSignInResult.SignedIn;
    }
}
