using Failkit.Identity.Http;
using Failkit.Identity.Pages;
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
        JsonBody<CreateUserRequest> body, HttpContext http, UserAdministration users, IOptions<IdentityOptions> options)
    {
        if (body.Error is ProblemHttpResult bad)
        {
            return bad;
        }

        var request = body.Value!;
        var change = await users.CreateAsync(request.Email, request.Role, request.Password, http.User, AuditSource.Of(http),
            AccountPages.BaseUrl(http, options.Value), http.RequestAborted);
        return change.Outcome switch
        {
            UserChangeOutcome.Done => TypedResults.Created($"/api/users/{change.User!.Id}", change.User),
            UserChangeOutcome.Invalid => Problems.Invalid(change.Field!, change.Message!),
            UserChangeOutcome.Forbidden => Problems.Forbidden(change.Message!),
            _ => Problems.Conflict(change.Message!),
        };
    }

    private static async Task<Results<Ok<UserView>, NotFound, ValidationProblem, ProblemHttpResult>> ChangeRole(
        Guid id, JsonBody<ChangeRoleRequest> body, HttpContext http, UserAdministration users)
    {
        if (body.Error is ProblemHttpResult bad)
        {
            return bad;
        }

        return Answer(await users.ChangeRoleAsync(id, body.Value!.Role, http.User, AuditSource.Of(http), http.RequestAborted));
    }

    private static async Task<Results<Ok<UserView>, NotFound, ValidationProblem, ProblemHttpResult>> Disable(Guid id, HttpContext http, UserAdministration users) =>
        Answer(await users.SetActiveAsync(id, false, http.User, AuditSource.Of(http), http.RequestAborted));

    private static async Task<Results<Ok<UserView>, NotFound, ValidationProblem, ProblemHttpResult>> Enable(Guid id, HttpContext http, UserAdministration users) =>
        Answer(await users.SetActiveAsync(id, true, http.User, AuditSource.Of(http), http.RequestAborted));

    private static async Task<Results<NoContent, NotFound, ProblemHttpResult>> Delete(Guid id, HttpContext http, UserAdministration users)
    {
        var change = await users.DeleteAsync(id, http.User, AuditSource.Of(http), http.RequestAborted);
        return change.Outcome switch
        {
            UserChangeOutcome.Done => TypedResults.NoContent(),
            UserChangeOutcome.NotFound => TypedResults.NotFound(),
            UserChangeOutcome.Forbidden => Problems.Forbidden(change.Message!),
            _ => Problems.Conflict(change.Message!),
        };
    }

    private static Results<Ok<UserView>, NotFound, ValidationProblem, ProblemHttpResult> Answer(UserChange change) => change.Outcome switch
    {
        UserChangeOutcome.Done => TypedResults.Ok(change.User!),
        UserChangeOutcome.NotFound => TypedResults.NotFound(),
        UserChangeOutcome.Invalid => Problems.Invalid(change.Field!, change.Message!),
        UserChangeOutcome.Forbidden => Problems.Forbidden(change.Message!),
        _ => Problems.Conflict(change.Message!),
    };
}
