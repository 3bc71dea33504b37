using System.Security.Claims;
using Failkit.Identity.Audit;
using Failkit.Identity.Data;
using Failkit.Identity.Sessions;
using Failkit.Tenancy.Audit;
using Microsoft.Extensions.Options;

namespace Failkit.Identity.Users;

public enum UserChangeOutcome
{
    Done,
    Invalid,
    Forbidden,
    Conflict,
    NotFound,
}

/// <summary>What a user change came to: the user after it, or why not (<paramref name="Field"/> names the input at fault
/// when <see cref="UserChangeOutcome.Invalid"/>).</summary>
public sealed record UserChange(UserChangeOutcome Outcome, UserEndpoints.UserView? User = null, string? Field = null, string? Message = null)
{
    public static UserChange Invalid(string field, string message) => new(UserChangeOutcome.Invalid, Field: field, Message: message);
}

/// <summary>The user rules the API and the portal share: only an owner creates, changes or removes an owner, the last
/// active owner stays, and a user created without a password gets an invitation link by email.</summary>
public sealed class UserAdministration(UserStore store, PasswordResets resets, AuditLog audit, IdentityDatabase db, IOptions<IdentityOptions> options)
{
    /// <param name="baseUrl">Where the invitation link points (the plane's public URL).</param>
    public async Task<UserChange> CreateAsync(string? email, string? role, string? password, ClaimsPrincipal caller, string? source, Uri baseUrl,
        CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (Validation.EmailError(email) is { } emailError)
        {
            return UserChange.Invalid("email", emailError);
        }

        if (!Roles.IsKnown(role))
        {
            return UserChange.Invalid("role", "One of owner, admin, operator, auditor.");
        }

        if (password is not null && Validation.PasswordError(password, options.Value.MinimumPasswordLength) is { } passwordError)
        {
            return UserChange.Invalid("password", passwordError);
        }

        if (role == Roles.Owner && caller.Role() != Roles.Owner)
        {
            return new UserChange(UserChangeOutcome.Forbidden, Message: "Only an owner can create an owner.");
        }

        await using var conn = await db.OpenAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var user = await store.CreateAsync(conn, email!, role!, password, ct);
        if (user is null)
        {
            return new UserChange(UserChangeOutcome.Conflict, Field: "email", Message: "A user with this email exists.");
        }

        if (password is null)
        {
            await resets.InviteAsync(conn, user, baseUrl, ct);
        }

        var view = UserEndpoints.UserView.From(user);
        await audit.WriteAsync(conn, Event(caller, source, AuditKinds.UserCreated, user.Email, $"role {user.Role}").Change(null, view), ct);
        await tx.CommitAsync(ct);
        return new UserChange(UserChangeOutcome.Done, view);
    }

    public Task<UserChange> ChangeRoleAsync(Guid id, string? role, ClaimsPrincipal caller, string? source, CancellationToken ct) =>
        Roles.IsKnown(role)
            ? ChangeAsync(id, role, null, AuditKinds.UserRoleChanged, $"role {role}", caller, source, ct)
            : Task.FromResult(UserChange.Invalid("role", "One of owner, admin, operator, auditor."));

    /// <summary>Deactivates (<paramref name="active"/> false) or reactivates a user.</summary>
    public Task<UserChange> SetActiveAsync(Guid id, bool active, ClaimsPrincipal caller, string? source, CancellationToken ct) =>
        active
            ? ChangeAsync(id, null, UserStatus.Active, AuditKinds.UserEnabled, null, caller, source, ct)
            : ChangeAsync(id, null, UserStatus.Disabled, AuditKinds.UserDisabled, null, caller, source, ct);

    public async Task<UserChange> DeleteAsync(Guid id, ClaimsPrincipal caller, string? source, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (await store.FindAsync(id, ct) is not { } user)
        {
            return new UserChange(UserChangeOutcome.NotFound);
        }

        if (await RefusalAsync(user, null, null, caller, ct) is { } refused)
        {
            return refused;
        }

        await store.DeleteAsync(id, ct);
        await audit.WriteAsync(Event(caller, source, AuditKinds.UserDeleted, user.Email, null).Change(UserEndpoints.UserView.From(user), null), ct);
        return new UserChange(UserChangeOutcome.Done);
    }

    private async Task<UserChange> ChangeAsync(
        Guid id, string? role, string? status, string kind, string? detail, ClaimsPrincipal caller, string? source, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (await store.FindAsync(id, ct) is not { } user)
        {
            return new UserChange(UserChangeOutcome.NotFound);
        }

        if (await RefusalAsync(user, role, status, caller, ct) is { } refused)
        {
            return refused;
        }

        await store.UpdateAsync(id, role, status, ct);
        var after = UserEndpoints.UserView.From(await store.FindAsync(id, ct) ?? user);
        await audit.WriteAsync(Event(caller, source, kind, user.Email, detail).Change(UserEndpoints.UserView.From(user), after), ct);
        return new UserChange(UserChangeOutcome.Done, after);
    }

    /// <summary>The identity module's actor (the session's, an API client's or a support session's).</summary>
    private static AuditEntry Event(ClaimsPrincipal caller, string? source, string kind, string target, string? detail) =>
        new(kind, caller.Actor(), target, detail) { Source = source };

    /// <summary>Why the caller may not make this change to <paramref name="user"/> (null role and status = delete).</summary>
    private async Task<UserChange?> RefusalAsync(User user, string? role, string? status, ClaimsPrincipal caller, CancellationToken ct)
    {
        var touchesOwner = user.Role == Roles.Owner || role == Roles.Owner;
        if (touchesOwner && caller.Role() != Roles.Owner)
        {
            return new UserChange(UserChangeOutcome.Forbidden, Message: "Only an owner can change or remove an owner.");
        }

        var removesOwner = user.Role == Roles.Owner && user.IsActive
            && ((role is not null && role != Roles.Owner) || status == UserStatus.Disabled || (role is null && status is null));
        return removesOwner && await store.CountOtherActiveOwnersAsync(user.Id, ct) == 0
            ? new UserChange(UserChangeOutcome.Conflict, Message: "The last active owner cannot be demoted, disabled or deleted.")
            : null;
    }
}
