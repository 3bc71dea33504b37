using Failkit.Identity.Http;
using Failkit.Identity.Sessions;
using Failkit.Tenancy.Audit;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Failkit.Identity.Support;

/// <summary><c>/api/support-grants</c>: owners only.</summary>
public static class SupportEndpoints
{
    public static RouteGroupBuilder MapSupportEndpoints(this RouteGroupBuilder api)
    {
        var grants = api.MapGroup("/support-grants").WithTags("Support access").RequireAuthorization(Policies.Owner);
        grants.MapGet("", List).WithName("ListSupportGrants");
        grants.MapGet("/{id:guid}", Get).WithName("GetSupportGrant");
        grants.MapPost("", Create).WithName("CreateSupportGrant");
        grants.MapDelete("/{id:guid}", Revoke).WithName("RevokeSupportGrant");
        return api;
    }

    /// <summary><paramref name="Hours"/>: how long the grant lasts, at most 168 (7 days).</summary>
    public sealed record CreateGrantRequest(string? Scope, double? Hours);

    public sealed record GrantList(IReadOnlyList<SupportGrant> Items);

    private static async Task<Ok<GrantList>> List(SupportGrants grants, HttpContext http) =>
        TypedResults.Ok(new GrantList(await grants.ListAsync(http.RequestAborted)));

    private static async Task<Results<Ok<SupportGrant>, NotFound>> Get(Guid id, SupportGrants grants, HttpContext http) =>
        await grants.FindAsync(id, http.RequestAborted) is { } grant ? TypedResults.Ok(grant) : TypedResults.NotFound();

    private static async Task<Results<Created<SupportGrant>, ValidationProblem, ProblemHttpResult>> Create(
        JsonBody<CreateGrantRequest> body, SupportGrants grants, HttpContext http)
    {
        if (body.Error is ProblemHttpResult bad)
        {
            return bad;
        }

        var request = body.Value!;
        if (SupportGrants.Refusal(request.Scope, request.Hours) is { } refusal)
        {
            return Problems.Invalid(refusal.Field, refusal.Message);
        }

        var grant = await grants.CreateAsync(request.Scope!, TimeSpan.FromHours(request.Hours!.Value), http.User.Actor(), AuditSource.Of(http), http.RequestAborted);
        return TypedResults.Created($"/api/support-grants/{grant.Id}", grant);
    }

    private static async Task<Results<NoContent, NotFound>> Revoke(Guid id, SupportGrants grants, HttpContext http) =>
        await grants.RevokeAsync(id, http.User.Actor(), AuditSource.Of(http), http.RequestAborted) ? TypedResults.NoContent() : TypedResults.NotFound();
}
