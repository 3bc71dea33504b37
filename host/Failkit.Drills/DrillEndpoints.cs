using System.Security.Claims;
using Failkit.Tenancy.Audit;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Failkit.Drills;

/// <summary>The authorization policy names the host maps each kind of endpoint to.</summary>
public sealed record DrillPolicies(string Read, string Operate, string Manage);

public sealed record ApprovalRequest(string? Decision, string? Comment)
{
    public const int MaxComment = 2000;

    /// <summary>Field → messages; empty when the request may be decided. The API and the portal ask the same rule.</summary>
    public Dictionary<string, string[]> Errors()
    {
        var errors = new Dictionary<string, string[]>();
        if (Decision is not ("approved" or "rejected"))
        {
            errors["decision"] = ["decision must be \"approved\" or \"rejected\""];
        }

        if (Comment is { Length: > MaxComment })
        {
            errors["comment"] = [$"comment must be at most {MaxComment} characters"];
        }

        return errors;
    }
}

public static class DrillEndpoints
{
    /// <summary>The identity module's actor claim: <c>user:email</c>, <c>client:id</c> or <c>support:...</c>.</summary>
    public const string ActorClaim = "failkit:actor";

    public const string DrillStartedKind = "drill.started";
    public const string DrillCancelKind = "drill.cancel-requested";

    /// <summary><c>drill.approved</c> or <c>drill.rejected</c>.</summary>
    public static string DecisionKind(string decision) => "drill." + decision;

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
        StartDrillRequest? request, ClaimsPrincipal user, DrillLauncher launcher, IAuditTrail audit, HttpContext http, CancellationToken ct)
    {
        request ??= new StartDrillRequest(null);
        var result = await launcher.StartAsync(request, InitiatorOf(user), ct);
        if (result.DrillId is not { } id)
        {
            return TypedResults.ValidationProblem(result.Errors, title: "The drill was not started.");
        }

        await audit.WriteAsync(DrillAudit.Started(AuditEntry.For(http, DrillStartedKind), id, request), ct);
        return TypedResults.Accepted($"/api/drills/{id}", new DrillStarted(id));
    }

    private static async Task<Results<Accepted<DrillStarted>, NotFound, ProblemHttpResult>> CancelAsync(
        Guid id, ClaimsPrincipal user, DrillStore store, DrillControl control, IAuditTrail audit, HttpContext http, CancellationToken ct)
    {
        if (await store.FindAsync(id, ct) is not { } drill)
        {
            return TypedResults.NotFound();
        }

        if (!await control.CancelAsync(drill, InitiatorOf(user).Name, ct))
        {
            return TypedResults.Problem("The drill is not running, or its cancel was already requested.", statusCode: StatusCodes.Status409Conflict);
        }

        await audit.WriteAsync(DrillAudit.CancelRequested(AuditEntry.For(http, DrillCancelKind), drill), ct);
        return TypedResults.Accepted($"/api/drills/{id}", new DrillStarted(id));
    }

    private static async Task<Results<Ok<Approval>, NotFound, ValidationProblem, ProblemHttpResult>> ApproveAsync(
        Guid id, ApprovalRequest? body, ClaimsPrincipal user, DrillStore store, DrillControl control, TimeProvider time, IAuditTrail audit, HttpContext http,
        CancellationToken ct)
    {
        body ??= new ApprovalRequest(null, null);
        if (body.Errors() is { Count: > 0 } errors)
        {
            return TypedResults.ValidationProblem(errors);
        }

        if (await store.FindAsync(id, ct) is not { } drill)
        {
            return TypedResults.NotFound();
        }

        var approval = new Approval(Guid.CreateVersion7(time.GetUtcNow()), body.Decision!, user.FindFirst(ActorClaim)?.Value ?? "unknown", body.Comment, time.GetUtcNow());
        if (!await control.DecideAsync(drill, approval, ct))
        {
            return TypedResults.Problem("The drill is not waiting for an approval.", statusCode: StatusCodes.Status409Conflict);
        }

        await audit.WriteAsync(DrillAudit.Decided(AuditEntry.For(http, DecisionKind(approval.Decision)), id, approval), ct);
        return TypedResults.Ok(approval);
    }
}

public sealed record DrillStarted(Guid Id);
