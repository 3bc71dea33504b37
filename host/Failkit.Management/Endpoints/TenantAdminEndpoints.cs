using Failkit.Management.Ca;
using Failkit.Management.Onboarding;
using Failkit.Management.Planes;
using Failkit.Management.Tenants;
using Failkit.Management.Tokens;
using Failkit.Tenancy;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Failkit.Management.Endpoints;

public sealed record CreateTenantRequest(string? Slug, string? Tier, string? ContactEmail);

public sealed record TenantResponse(Guid Id, string Slug, string Tier, string Status, DateTimeOffset CreatedAt)
{
    public string? ContactEmail { get; init; }

    /// <summary>The tenant's browser address on the gateway.</summary>
    public Uri? Url { get; init; }

    public OnboardingProgress? Onboarding { get; init; }

    internal static TenantResponse From(Tenant t, OnboardingProgress? onboarding = null) =>
        new(t.Id, t.Slug, t.Tier.ToString(), t.Status.ToString(), t.CreatedAt) { ContactEmail = t.ContactEmail, Onboarding = onboarding };
}

/// <summary>The answer to a create: the onboarding runs in the background; poll <see cref="StatusUrl"/>.</summary>
public sealed record OnboardingStarted(string Slug, string InstanceId, string StatusUrl);

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
        tenants.MapGet("/", ListAsync).WithName("ListTenants");
        tenants.MapPost("/", CreateAsync).WithName("CreateTenant");
        tenants.MapGet("/{slug}", GetAsync).WithName("GetTenant");
        tenants.MapPost("/{slug}/suspend", (string slug, TenantRegistry r, TenantPlanes p, CancellationToken ct) =>
            SetStatusAsync(slug, TenantStatus.Suspended, r, p, ct)).WithName("SuspendTenant");
        tenants.MapPost("/{slug}/reactivate", (string slug, TenantRegistry r, TenantPlanes p, CancellationToken ct) =>
            SetStatusAsync(slug, TenantStatus.Active, r, p, ct)).WithName("ReactivateTenant");
        tenants.MapDelete("/{slug}", (string slug, TenantRegistry r, TenantPlanes p, CancellationToken ct) =>
            SetStatusAsync(slug, TenantStatus.Deleted, r, p, ct)).WithName("DeleteTenant");
        tenants.MapPost("/{slug}/bootstrap-tokens", MintAsync).WithName("MintBootstrapToken");
        platform.MapPost("/certificates/{serial}/revoke", RevokeAsync).WithTags("Certificates").WithName("RevokeAgentCertificate");
        return platform;
    }

    /// <summary>Every tenant but the deleted ones, oldest first, with its browser address.</summary>
    public static async Task<Ok<TenantResponse[]>> ListAsync(TenantRegistry registry, TenantPlanes planes, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(planes);
        var tenants = await registry.ListAsync([TenantStatus.Provisioning, TenantStatus.Active, TenantStatus.Suspended], ct);
        return TypedResults.Ok(tenants.Select(t => TenantResponse.From(t) with { Url = planes.PublicUrlOf(t.Slug) }).ToArray());
    }

    // Public, like the other handlers the operator console calls: the console runs the very handler the route runs.
    public static async Task<Results<Accepted<OnboardingStarted>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        CreateTenantRequest body, TenantRegistry registry, TenantOnboarding onboarding, CancellationToken ct)
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

        if (body.ContactEmail is { } email && !IsEmail(email))
        {
            errors["contactEmail"] = ["contactEmail must be an email address of at most 254 characters"];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        if (await registry.RegisterAsync(body.Slug!, tier, body.ContactEmail, ct) is not { } tenant)
        {
            return TypedResults.Problem($"tenant '{body.Slug}' already exists", statusCode: StatusCodes.Status409Conflict, title: "Slug taken");
        }

        var instanceId = await onboarding.StartAsync(tenant, ct);
        var status = $"/platform/tenants/{tenant.Slug}";
        return TypedResults.Accepted(status, new OnboardingStarted(tenant.Slug, instanceId, status));
    }

    public static async Task<Results<Ok<TenantResponse>, NotFound>> GetAsync(
        string slug, TenantRegistry registry, TenantOnboarding onboarding, TenantPlanes planes, CancellationToken ct)
    {
        if (await registry.FindAsync(slug, ct) is not { } tenant)
        {
            return TypedResults.NotFound();
        }

        var progress = tenant.OnboardingInstanceId is { } id ? await onboarding.ProgressAsync(id, ct) : null;
        return TypedResults.Ok(TenantResponse.From(tenant, progress) with { Url = planes.PublicUrlOf(tenant.Slug) });
    }

    /// <summary>Suspend: the registry first (agents and tokens are refused from then on), then the route and the
    /// plane. Reactivate: the plane and the route come back. Delete: see docs/decisions/management-tenant-delete.md.</summary>
    public static async Task<Results<Ok<TenantResponse>, NotFound>> SetStatusAsync(
        string slug, TenantStatus status, TenantRegistry registry, TenantPlanes planes, CancellationToken ct)
    {
        if (await registry.SetStatusAsync(slug, status, ct) is not { } tenant)
        {
            return TypedResults.NotFound();
        }

        switch (tenant.Status)
        {
            case TenantStatus.Suspended:
                await planes.SuspendAsync(tenant.Slug, ct);
                break;
            case TenantStatus.Active:
                await planes.RouteAsync(tenant, ct);
                break;
            case TenantStatus.Deleted:
                await planes.RemoveAsync(tenant.Slug, ct);
                break;
        }

        return TypedResults.Ok(TenantResponse.From(tenant));
    }

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

    private static bool IsEmail(string text) =>
        text.Length <= 254 && System.Net.Mail.MailAddress.TryCreate(text, out var address) && address.Address == text;

    /// <summary>Parses an enum by name only: <c>Enum.TryParse</c> alone would also accept "7".</summary>
    private static bool TryParseName<T>(string text, out T value)
        where T : struct, Enum =>
        Enum.TryParse(text, ignoreCase: true, out value) && Enum.IsDefined(value) && !char.IsAsciiDigit(text.TrimStart('-', '+').FirstOrDefault());
}
