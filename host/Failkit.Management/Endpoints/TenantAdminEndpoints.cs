using Failkit.Management.Ca;
using Failkit.Management.Tenants;
using Failkit.Management.Tokens;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Failkit.Management.Endpoints;

public sealed record CreateTenantRequest(string? Slug, string? Tier);

public sealed record TenantResponse(Guid Id, string Slug, string Tier, string Status, DateTimeOffset CreatedAt)
{
    internal static TenantResponse From(Tenant t) => new(t.Id, t.Slug, t.Tier.ToString(), t.Status.ToString(), t.CreatedAt);
}

public sealed record MintTokenRequest(string? Purpose);

/// <summary>The plain token appears in this response only; the database keeps its hash.</summary>
public sealed record BootstrapTokenResponse(Guid Id, string Tenant, string Purpose, string Token, DateTimeOffset ExpiresAt);

/// <summary>The platform operator's API: the tenant registry, bootstrap tokens and certificate revocation. Every
/// route requires the <see cref="ManagementAuthorization.PlatformOperatorPolicy"/> policy.</summary>
public static class TenantAdminEndpoints
{
    public static RouteGroupBuilder MapTenantAdminEndpoints(this IEndpointRouteBuilder app)
    {
        var platform = app.MapGroup("/platform").RequireAuthorization(ManagementAuthorization.PlatformOperatorPolicy);
        var tenants = platform.MapGroup("/tenants").WithTags("Tenants");
        tenants.MapPost("/", CreateAsync).WithName("CreateTenant");
        tenants.MapGet("/{slug}", GetAsync).WithName("GetTenant");
        tenants.MapPost("/{slug}/suspend", (string slug, TenantRegistry r, CancellationToken ct) => SetStatusAsync(slug, TenantStatus.Suspended, r, ct))
            .WithName("SuspendTenant");
        tenants.MapPost("/{slug}/reactivate", (string slug, TenantRegistry r, CancellationToken ct) => SetStatusAsync(slug, TenantStatus.Active, r, ct))
            .WithName("ReactivateTenant");
        tenants.MapDelete("/{slug}", (string slug, TenantRegistry r, CancellationToken ct) => SetStatusAsync(slug, TenantStatus.Deleted, r, ct))
            .WithName("DeleteTenant");
        tenants.MapPost("/{slug}/bootstrap-tokens", MintAsync).WithName("MintBootstrapToken");
        platform.MapPost("/certificates/{serial}/revoke", RevokeAsync).WithTags("Certificates").WithName("RevokeAgentCertificate");
        return platform;
    }

    internal static async Task<Results<Created<TenantResponse>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        CreateTenantRequest body, TenantRegistry registry, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (TenantSlug.Validate(body.Slug) is { } slugProblem)
        {
            errors["slug"] = [slugProblem];
        }

        if (!TryParseName<TenantTier>(body.Tier ?? nameof(TenantTier.Standard), out var tier))
        {
            errors["tier"] = ["tier must be Standard, Professional or Enterprise"];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var tenant = await registry.CreateAsync(body.Slug!, tier, ct);
        return tenant is null
            ? TypedResults.Problem($"tenant '{body.Slug}' already exists", statusCode: StatusCodes.Status409Conflict, title: "Slug taken")
            : TypedResults.Created($"/platform/tenants/{tenant.Slug}", TenantResponse.From(tenant));
    }

    internal static async Task<Results<Ok<TenantResponse>, NotFound>> GetAsync(string slug, TenantRegistry registry, CancellationToken ct) =>
        await registry.FindAsync(slug, ct) is { } tenant ? TypedResults.Ok(TenantResponse.From(tenant)) : TypedResults.NotFound();

    internal static async Task<Results<Ok<TenantResponse>, NotFound>> SetStatusAsync(
        string slug, TenantStatus status, TenantRegistry registry, CancellationToken ct) =>
        await registry.SetStatusAsync(slug, status, ct) is { } tenant ? TypedResults.Ok(TenantResponse.From(tenant)) : TypedResults.NotFound();

    internal static async Task<Results<Ok<BootstrapTokenResponse>, ValidationProblem, NotFound, ProblemHttpResult>> MintAsync(
        string slug, MintTokenRequest body, TenantRegistry registry, BootstrapTokens tokens, CancellationToken ct)
    {
        if (!TryParseName<BootstrapTokenPurpose>(body.Purpose ?? "", out var purpose))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["purpose"] = ["purpose must be owner or agent"] });
        }

        if (await registry.FindAsync(slug, ct) is not { } tenant)
        {
            return TypedResults.NotFound();
        }

        var minted = await tokens.MintAsync(tenant.Id, purpose, ct);
        return minted is null
            ? TypedResults.Problem($"tenant '{slug}' is {tenant.Status}", statusCode: StatusCodes.Status409Conflict, title: "Tenant not active")
            : TypedResults.Ok(new BootstrapTokenResponse(minted.Id, tenant.Slug, body.Purpose!.ToLowerInvariant(), minted.Token, minted.ExpiresAt));
    }

    internal static async Task<Results<NoContent, NotFound>> RevokeAsync(string serial, InternalCa ca, CancellationToken ct) =>
        await ca.RevokeAsync(serial.ToUpperInvariant(), ct) ? TypedResults.NoContent() : TypedResults.NotFound();

    /// <summary>Parses an enum by name only: <c>Enum.TryParse</c> alone would also accept "7".</summary>
    private static bool TryParseName<T>(string text, out T value)
        where T : struct, Enum =>
        Enum.TryParse(text, ignoreCase: true, out value) && Enum.IsDefined(value) && !char.IsAsciiDigit(text.TrimStart('-', '+').FirstOrDefault());
}
