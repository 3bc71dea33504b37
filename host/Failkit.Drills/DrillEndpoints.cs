using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Failkit.Drills;

/// <summary>The authorization policy names the host maps each kind of endpoint to.</summary>
public sealed record DrillPolicies(string Read, string Operate, string Manage);

public sealed record ApprovalRequest(string? Decision, string? Comment);

public static class DrillEndpoints
{
    /// <summary>The identity module's actor claim: <c>user:email</c>, <c>client:id</c> or <c>support:...</c>.</summary>
    public const string ActorClaim = "failkit:actor";

    public static IEndpointRouteBuilder MapDrillEndpoints(this IEndpointRouteBuilder app, DrillPolicies policies)
    {
        ArgumentNullException.ThrowIfNull(policies);
        var drills = app.MapGroup("/api/drills").WithTags("Drills");
        drills.MapGet("", ListAsync).WithName("ListDrills").RequireAuthorization(policies.Read);
        drills.MapGet("/{id:guid}", GetAsync).WithName("GetDrill").RequireAuthorization(policies.Read);
        drills.MapPost("", StartAsync).WithName("StartDrill").RequireAuthorization(policies.Operate);
        drills.MapPost("/{id:guid}/cancel", CancelAsync).WithName("CancelDrill").RequireAuthorization(policies.Operate);
        drills.MapPost("/{id:guid}/approve", ApproveAsync).WithName("ApproveDrill").RequireAuthorization(policies.Operate);
        app.MapProtectionGroupEndpoints(policies);
        app.MapCloudAccountEndpoints(policies);
        return app;
    }

    internal static DrillInitiator InitiatorOf(ClaimsPrincipal user)
    {
        var actor = user.FindFirst(ActorClaim)?.Value ?? user.Identity?.Name ?? "unknown";
        return actor.StartsWith("client:", StringComparison.Ordinal)
            ? new DrillInitiator(DrillInitiator.ApiClient, actor["client:".Length..])
            : new DrillInitiator(DrillInitiator.User, actor.StartsWith("user:", StringComparison.Ordinal) ? actor["user:".Length..] : actor);
    }

    private static async Task<Ok<IReadOnlyList<DrillView>>> ListAsync(Guid? protectionGroupId, DrillStore store, CancellationToken ct) =>
        TypedResults.Ok<IReadOnlyList<DrillView>>((await store.ListAsync(protectionGroupId, 100, ct)).Select(d => DrillView.From(d, [])).ToList());

    private static async Task<Results<Ok<DrillView>, NotFound>> GetAsync(Guid id, DrillStore store, CancellationToken ct) =>
        await store.FindAsync(id, ct) is { } drill ? TypedResults.Ok(DrillView.From(drill, await store.ApprovalsAsync(id, ct))) : TypedResults.NotFound();

    private static async Task<Results<Accepted<DrillStarted>, ValidationProblem>> StartAsync(
        StartDrillRequest? request, ClaimsPrincipal user, DrillLauncher launcher, CancellationToken ct)
    {
        var result = await launcher.StartAsync(request ?? new StartDrillRequest(null), InitiatorOf(user), ct);
        return result.DrillId is { } id
            ? TypedResults.Accepted($"/api/drills/{id}", new DrillStarted(id))
            : TypedResults.ValidationProblem(result.Errors, title: "The drill was not started.");
    }

    private static async Task<Results<Accepted<DrillStarted>, NotFound, ProblemHttpResult>> CancelAsync(
        Guid id, ClaimsPrincipal user, DrillStore store, DrillControl control, CancellationToken ct)
    {
        if (await store.FindAsync(id, ct) is not { } drill)
        {
            return TypedResults.NotFound();
        }

        return await control.CancelAsync(drill, InitiatorOf(user).Name, ct)
            ? TypedResults.Accepted($"/api/drills/{id}", new DrillStarted(id))
            : TypedResults.Problem("The drill is not running, or its cancel was already requested.", statusCode: StatusCodes.Status409Conflict);
    }

    private static async Task<Results<Ok<Approval>, NotFound, ValidationProblem, ProblemHttpResult>> ApproveAsync(
        Guid id, ApprovalRequest? body, ClaimsPrincipal user, DrillStore store, DrillControl control, TimeProvider time, CancellationToken ct)
    {
        if (body?.Decision is not ("approved" or "rejected"))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["decision"] = ["decision must be \"approved\" or \"rejected\""] });
        }

        if (body.Comment is { Length: > 2000 })
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["comment"] = ["comment must be at most 2000 characters"] });
        }

        if (await store.FindAsync(id, ct) is not { } drill)
        {
            return TypedResults.NotFound();
        }

        var approval = new Approval(Guid.CreateVersion7(time.GetUtcNow()), body.Decision, user.FindFirst(ActorClaim)?.Value ?? "unknown", body.Comment, time.GetUtcNow());
        return await control.DecideAsync(drill, approval, ct)
            ? TypedResults.Ok(approval)
            : TypedResults.Problem("The drill is not waiting for an approval.", statusCode: StatusCodes.Status409Conflict);
    }
}

public sealed record DrillStarted(Guid Id);
