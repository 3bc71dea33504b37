using Failkit.Identity.Clients;
using Failkit.Identity.Http;
using Failkit.Identity.Support;
using Failkit.Tenancy;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace Failkit.Identity.Internal;

/// <summary>The management plane's routes into this plane (docs/decisions/planes-internal-api.md), behind the plane key.</summary>
public static class InternalEndpoints
{
    public static IEndpointRouteBuilder MapInternalIdentityEndpoints(this IEndpointRouteBuilder app)
    {
        var internalApi = app.MapGroup("/internal").WithTags("Internal").RequirePlaneKey().DisableAntiforgery();
        internalApi.MapPost("/api-clients", CreateClient).WithName("InternalCreateApiClient");
        internalApi.MapPost("/support-sessions", StartSupportSession).WithName("InternalStartSupportSession");
        ((IEndpointConventionBuilder)internalApi).Finally(Problems.Wrap);
        return app;
    }

    public sealed record SupportSessionRequest(string? Operator);

    public sealed record SupportSessionAnswer(string AccessToken, DateTimeOffset ExpiresAt, string Scope);

    private static async Task<Results<Created<ApiClientEndpoints.CreatedClient>, ValidationProblem, ProblemHttpResult>> CreateClient(
        JsonBody<ApiClientEndpoints.CreateClientRequest> body, HttpContext http, ApiClientService clients, IOptions<IdentityOptions> options)
    {
        if (body.Error is ProblemHttpResult bad)
        {
            return bad;
        }

        var result = await ApiClientEndpoints.CreateAsync(body.Value!, http, clients, options.Value);
        return result.Error is { } invalid ? invalid : TypedResults.Created($"/api/api-clients/{result.Client!.ClientId}", result.Client);
    }

    private static async Task<Results<Ok<SupportSessionAnswer>, ValidationProblem, ProblemHttpResult>> StartSupportSession(
        JsonBody<SupportSessionRequest> body, HttpContext http, SupportGrants grants)
    {
        if (body.Error is ProblemHttpResult bad)
        {
            return bad;
        }

        var name = body.Value!.Operator?.Trim();
        if (string.IsNullOrEmpty(name) || name.Length > 100 || name.Any(char.IsControl))
        {
            return Problems.Invalid("operator", "The operator's name, 1 to 100 printable characters.");
        }

        var session = await grants.StartSessionAsync(name, http.RequestAborted);
        return session is null
            ? Problems.Forbidden("No support grant is active for this tenant.")
            : TypedResults.Ok(new SupportSessionAnswer(session.AccessToken, session.ExpiresAt, session.Scope));
    }
}
