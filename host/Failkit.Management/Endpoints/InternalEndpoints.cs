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

/// <summary>The management side of the internal API (docs/decisions/planes-internal-api.md). A tenant plane presents
/// <c>Authorization: PlaneKey &lt;key&gt;</c>, its own slug's key; the gateway never forwards <c>/internal/*</c>.</summary>
public static class InternalEndpoints
{
    public static RouteGroupBuilder MapInternalEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/internal").WithTags("Internal").AllowAnonymous().ExcludeFromDescription();
        group.MapPost("/planes/{slug}/bootstrap-tokens/redeem", RedeemAsync).WithName("RedeemOwnerBootstrapToken");
        return group;
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
