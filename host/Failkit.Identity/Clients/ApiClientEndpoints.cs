using Failkit.Identity.Http;
using Failkit.Identity.Sessions;
using Failkit.Tenancy.Audit;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace Failkit.Identity.Clients;

/// <summary><c>/api/api-clients</c>: owners and admins create (the secret is in the answer, once), list and revoke.</summary>
public static class ApiClientEndpoints
{
    public static RouteGroupBuilder MapApiClientEndpoints(this RouteGroupBuilder api)
    {
        var clients = api.MapGroup("/api-clients").WithTags("API clients").RequireAuthorization(Policies.Manage);
        clients.MapGet("", List).WithName("ListApiClients");
        clients.MapGet("/{clientId}", Get).WithName("GetApiClient");
        clients.MapPost("", Create).WithName("CreateApiClient");
        clients.MapDelete("/{clientId}", Revoke).WithName("RevokeApiClient");
        return api;
    }

    public sealed record CreateClientRequest(string? Name, string? Role);

    /// <summary>The one answer that carries the secret.</summary>
    public sealed record CreatedClient(string ClientId, string ClientSecret, string TokenUrl, string Name, string Role);

    public sealed record ClientList(IReadOnlyList<ApiClient> Items);

    private static async Task<Ok<ClientList>> List(ApiClientService clients, HttpContext http) =>
        TypedResults.Ok(new ClientList(await clients.ListAsync(http.RequestAborted)));

    private static async Task<Results<Ok<ApiClient>, NotFound>> Get(string clientId, ApiClientService clients, HttpContext http) =>
        await clients.FindAsync(clientId, http.RequestAborted) is { } client ? TypedResults.Ok(client) : TypedResults.NotFound();

    private static async Task<Results<Created<CreatedClient>, ValidationProblem, ProblemHttpResult>> Create(
        JsonBody<CreateClientRequest> body, HttpContext http, ApiClientService clients, IOptions<IdentityOptions> options)
    {
        if (body.Error is ProblemHttpResult bad)
        {
            return bad;
        }

        var result = await CreateAsync(body.Value!, http, clients, options.Value);
        return result.Error is { } invalid ? invalid : TypedResults.Created($"/api/api-clients/{result.Client!.ClientId}", result.Client);
    }

    /// <summary>Shared with the internal route: validation, creation and the token URL.</summary>
    public static async Task<(CreatedClient? Client, ValidationProblem? Error)> CreateAsync(
        CreateClientRequest request, HttpContext http, ApiClientService clients, IdentityOptions options)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(clients);
        var name = request.Name?.Trim() ?? "";
        var role = request.Role ?? Roles.Operator;
        if (ApiClientService.Refusal(name, role) is { } refusal)
        {
            return (null, Problems.Invalid(refusal.Field, refusal.Message));
        }

        var created = await clients.CreateAsync(name, role, http.User.Identity?.IsAuthenticated == true ? http.User.Actor() : "management-plane",
            AuditSource.Of(http), http.RequestAborted);
        var tokenUrl = new Uri(Pages.AccountPages.BaseUrl(http, options), TokenEndpoint.Path).ToString();
        return (new CreatedClient(created.ClientId, created.ClientSecret, tokenUrl, created.Name, created.Role), null);
    }

    private static async Task<Results<NoContent, NotFound>> Revoke(string clientId, ApiClientService clients, HttpContext http) =>
        await clients.RevokeAsync(clientId, http.User.Actor(), AuditSource.Of(http), http.RequestAborted) ? TypedResults.NoContent() : TypedResults.NotFound();
}
