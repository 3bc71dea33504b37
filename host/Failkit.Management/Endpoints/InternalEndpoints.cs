using Failkit.Management.Planes;
using Failkit.Management.Tenants;
using Failkit.Management.Tokens;
using Failkit.Tenancy;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;

namespace Failkit.Management.Endpoints;

public sealed record RedeemTokenRequest(string? Token);

public sealed record RedeemTokenResponse(Guid TenantId);

public sealed record AgentTokenResponse(string Token, DateTimeOffset ExpiresAt);

/// <summary>The management side of the internal API (docs/decisions/planes-internal-api.md). A tenant plane presents
/// <c>Authorization: PlaneKey &lt;key&gt;</c>, its own slug's key; the gateway never forwards <c>/internal/*</c>.</summary>
public static class InternalEndpoints
{
    public static RouteGroupBuilder MapInternalEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/internal").WithTags("Internal").AllowAnonymous().ExcludeFromDescription();
        group.MapPost("/planes/{slug}/bootstrap-tokens/redeem", RedeemAsync).WithName("RedeemOwnerBootstrapToken");
        // The portal's first-run checklist shows the enroll command with a fresh token: the same single-use, 5-minute
        // agent token `./failkit enroll-token` mints, asked for by the plane itself (its key names its tenant).
        group.MapPost("/planes/{slug}/bootstrap-tokens/agent", MintAgentAsync).WithName("MintAgentTokenForPlane");
        return group;
    }

    internal static async Task<Results<Ok<AgentTokenResponse>, ProblemHttpResult>> MintAgentAsync(
        string slug, HttpContext http, TenantCredentials credentials, TenantRegistry registry, BootstrapTokens tokens, ILoggerFactory logs, CancellationToken ct)
    {
        var presented = PlaneKeys.FromAuthorizationHeader(http.Request.Headers.Authorization);
        if (!TenantSlug.TryParse(slug, out var tenantSlug) || !PlaneKeys.Matches(presented, await credentials.PlaneKeyAsync(tenantSlug, ct)))
        {
            logs.CreateLogger(typeof(InternalEndpoints)).LogWarning("Internal agent token for plane {Slug} refused: {Reason}",
                tenantSlug?.Value ?? "(invalid slug)", presented is null ? "no plane key" : "wrong plane key");
            return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Plane key required");
        }

        var minted = await registry.FindAsync(tenantSlug.Value, ct) is { } tenant ? await tokens.MintAsync(tenant.Id, BootstrapTokenPurpose.Agent, ct) : null;
        return minted is null
            ? TypedResults.Problem("the tenant is not active", statusCode: StatusCodes.Status409Conflict, title: "Tenant not active")
            : TypedResults.Ok(new AgentTokenResponse(minted.Token, minted.ExpiresAt));
    }

    internal static async Task<Results<Ok<RedeemTokenResponse>, ProblemHttpResult>> RedeemAsync(
        string slug, RedeemTokenRequest? body, HttpContext http, TenantCredentials credentials, TenantRegistry registry,
        BootstrapTokens tokens, ILoggerFactory logs, CancellationToken ct)
    {
        var presented = PlaneKeys.FromAuthorizationHeader(http.Request.Headers.Authorization);
        if (!TenantSlug.TryParse(slug, out var tenantSlug) || !PlaneKeys.Matches(presented, await credentials.PlaneKeyAsync(tenantSlug, ct)))
        {
            logs.CreateLogger(typeof(InternalEndpoints)).LogWarning("Internal redeem for plane {Slug} refused: {Reason}",
                tenantSlug?.Value ?? "(invalid slug)", presented is null ? "no plane key" : "wrong plane key");
            return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Plane key required");
        }

        var tenant = await registry.FindAsync(tenantSlug.Value, ct);
        var redemption = tenant is null
            ? new TokenRedemption(null, TokenFailure.Unknown)
            : await tokens.RedeemAsync(tenant.Id, body?.Token ?? "", BootstrapTokenPurpose.Owner, ct);
        if (redemption.TenantId is { } tenantId)
        {
            return TypedResults.Ok(new RedeemTokenResponse(tenantId));
        }

        // The contract names five failures; a token of the wrong purpose is, to the plane, simply not an owner token.
        var failure = redemption.Failure == TokenFailure.WrongPurpose ? TokenFailure.Unknown : redemption.Failure;
        return TypedResults.Problem(TokenRedemption.GenericFailureMessage, statusCode: StatusCodes.Status409Conflict,
            title: "Token not redeemed", extensions: new Dictionary<string, object?> { ["failure"] = failure.ToString() });
    }
}
