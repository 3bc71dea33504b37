using Failkit.Identity.Audit;
using Failkit.Identity.Data;
using Failkit.Identity.Http;
using Failkit.Identity.Pages;
using Failkit.Identity.Sessions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Failkit.Tenancy.Audit;
using Microsoft.Extensions.Options;

namespace Failkit.Identity.Users;

/// <summary><c>/api/users</c>: owners and admins manage users. Only an owner may create, change or remove an owner,
/// and the last active owner can be neither demoted, disabled nor deleted.</summary>
public static class UserEndpoints
{
    public static RouteGroupBuilder MapUserEndpoints(this RouteGroupBuilder api)
    {
        var users = api.MapGroup("/users").WithTags("Users").RequireAuthorization(Policies.Manage);
        users.MapGet("", List).WithName("ListUsers");
        users.MapGet("/{id:guid}", Get).WithName("GetUser");
        users.MapPost("", Create).WithName("CreateUser");
        users.MapPut("/{id:guid}/role", ChangeRole).WithName("ChangeUserRole");
        users.MapPost("/{id:guid}/disable", Disable).WithName("DisableUser");
        users.MapPost("/{id:guid}/enable", Enable).WithName("EnableUser");
        users.MapDelete("/{id:guid}", Delete).WithName("DeleteUser");
        return api;
    }

    public sealed record UserView(Guid Id, string Email, string Role, string Status, DateTimeOffset CreatedAt)
    {
        public static UserView From(User u) => new(u.Id, u.Email, u.Role, u.Status, u.CreatedAt);
    }

    public sealed record UserList(IReadOnlyList<UserView> Items);

    public sealed record CreateUserRequest(string? Email, string? Role, string? Password);

    public sealed record ChangeRoleRequest(string? Role);

    private static async Task<Results<Ok<UserList>, ValidationProblem>> List(UserStore store, HttpContext http, string? email, string? role, string? status, int? limit)
    {
        if (role is not null && !Roles.IsKnown(role))
        {
            return Problems.Invalid("role", "Unknown role.");
        }

        if (status is not null && !UserStatus.IsKnown(status))
        {
            return Problems.Invalid("status", "Unknown status.");
        }

        if (limit is < 1 or > 500)
        {
            return Problems.Invalid("limit", "Between 1 and 500.");
        }

        var rows = await store.ListAsync(email, role, status, limit ?? 100, http.RequestAborted);
        return TypedResults.Ok(new UserList(rows.Select(UserView.From).ToList()));
    }

    private static async Task<Results<Ok<UserView>, NotFound>> Get(Guid id, UserStore store, HttpContext http) =>
        await store.FindAsync(id, http.RequestAborted) is { } user ? TypedResults.Ok(UserView.From(user)) : TypedResults.NotFound();

    private static async Task<Results<Created<UserView>, ValidationProblem, ProblemHttpResult>> Create(
        JsonBody<CreateUserRequest> body, HttpContext http, UserStore store, PasswordResets resets, AuditLog audit, IdentityDatabase db, IOptions<IdentityOptions> options)
    {
        if (body.Error is ProblemHttpResult bad)
        {
            return bad;
        }

        var request = body.Value!;
        if (Validation.EmailError(request.Email) is { } emailError)
        {
            return Problems.Invalid("email", emailError);
        }

        if (!Roles.IsKnown(request.Role))
        {
            return Problems.Invalid("role", "One of owner, admin, operator, auditor.");
        }

        if (request.Password is not null && Validation.PasswordError(request.Password, options.Value.MinimumPasswordLength) is { } passwordError)
        {
            return Problems.Invalid("password", passwordError);
        }

        if (request.Role == Roles.Owner && http.User.Role() != Roles.Owner)
        {
            return Problems.Forbidden("Only an owner can create an owner.");
        }

        await using var conn = await db.OpenAsync(http.RequestAborted);
        await using var tx = await conn.BeginTransactionAsync(http.RequestAborted);
        var user = await store.CreateAsync(conn, request.Email!, request.Role!, request.Password, http.RequestAborted);
        if (user is null)
        {
            return Problems.Conflict("A user with this email exists.");
        }

        if (request.Password is null)
        {
            await resets.InviteAsync(conn, user, AccountPages.BaseUrl(http, options.Value), http.RequestAborted);
        }

        await audit.WriteAsync(conn, Event(http, AuditKinds.UserCreated, user.Email, $"role {user.Role}").Change(null, UserView.From(user)), http.RequestAborted);
        await tx.CommitAsync(http.RequestAborted);
        return TypedResults.Created($"/api/users/{user.Id}", UserView.From(user));
    }

    private static async Task<Results<Ok<UserView>, NotFound, ValidationProblem, ProblemHttpResult>> ChangeRole(
        Guid id, JsonBody<ChangeRoleRequest> body, HttpContext http, UserStore store, AuditLog audit)
    {
        if (body.Error is ProblemHttpResult bad)
        {
            return bad;
        }

        var role = body.Value!.Role;
        if (!Roles.IsKnown(role))
        {
            return Problems.Invalid("role", "One of owner, admin, operator, auditor.");
        }

        return await ChangeAsync(id, http, store, audit, role, null, AuditKinds.UserRoleChanged, $"role {role}");
    }

    private static Task<Results<Ok<UserView>, NotFound, ValidationProblem, ProblemHttpResult>> Disable(Guid id, HttpContext http, UserStore store, AuditLog audit) =>
        ChangeAsync(id, http, store, audit, null, UserStatus.Disabled, AuditKinds.UserDisabled, null);

    private static Task<Results<Ok<UserView>, NotFound, ValidationProblem, ProblemHttpResult>> Enable(Guid id, HttpContext http, UserStore store, AuditLog audit) =>
        ChangeAsync(id, http, store, audit, null, UserStatus.Active, AuditKinds.UserEnabled, null);

    private static async Task<Results<NoContent, NotFound, ProblemHttpResult>> Delete(Guid id, HttpContext http, UserStore store, AuditLog audit)
    {
        var user = await store.FindAsync(id, http.RequestAborted);
        if (user is null)
        {
            return TypedResults.NotFound();
        }

        if (await Refusal(user, null, null, http, store) is { } refused)
        {
            return refused;
        }

        await store.DeleteAsync(id, http.RequestAborted);
        await audit.WriteAsync(Event(http, AuditKinds.UserDeleted, user.Email, null).Change(UserView.From(user), null), http.RequestAborted);
        return TypedResults.NoContent();
    }

    private static async Task<Results<Ok<UserView>, NotFound, ValidationProblem, ProblemHttpResult>> ChangeAsync(
        Guid id, HttpContext http, UserStore store, AuditLog audit, string? role, string? status, string kind, string? detail)
    {
        var user = await store.FindAsync(id, http.RequestAborted);
        if (user is null)
        {
            return TypedResults.NotFound();
        }

        if (await Refusal(user, role, status, http, store) is { } refused)
        {
            return refused;
        }

        await store.UpdateAsync(id, role, status, http.RequestAborted);
        var after = UserView.From(await store.FindAsync(id, http.RequestAborted) ?? user);
        await audit.WriteAsync(Event(http, kind, user.Email, detail).Change(UserView.From(user), after), http.RequestAborted);
        return TypedResults.Ok(after);
    }

    /// <summary>The identity module's actor (the session's, an API client's or a support session's) from the request's source.</summary>
    private static AuditEntry Event(HttpContext http, string kind, string target, string? detail) =>
        new(kind, http.User.Actor(), target, detail) { Source = AuditSource.Of(http) };

    /// <summary>Why the caller may not make this change to <paramref name="user"/> (null role and status = delete).</summary>
    private static async Task<ProblemHttpResult?> Refusal(User user, string? role, string? status, HttpContext http, UserStore store)
    {
        var touchesOwner = user.Role == Roles.Owner || role == Roles.Owner;
        if (touchesOwner && http.User.Role() != Roles.Owner)
        {
            return Problems.Forbidden("Only an owner can change or remove an owner.");
        }

        var removesOwner = user.Role == Roles.Owner && user.IsActive
            && ((role is not null && role != Roles.Owner) || status == UserStatus.Disabled || (role is null && status is null));
        if (removesOwner && await store.CountOtherActiveOwnersAsync(user.Id, http.RequestAborted) == 0)
        {
            return Problems.Conflict("The last active owner cannot be demoted, disabled or deleted.");
        }

        return null;
    }
}
