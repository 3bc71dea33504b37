using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Failkit.CloudFakes.Azure;

public sealed partial class AzureFake
{
    private readonly Dictionary<(string Tenant, string ClientId), string> _clients = [];

    /// <summary>Lets a client authenticate with this secret, or with this federated token as its client assertion.</summary>
    public void RegisterClient(string tenantId, string clientId, string secretOrAssertion)
    {
        lock (_gate)
        {
            _clients[(tenantId, clientId)] = secretOrAssertion;
        }
    }

    private async Task HandleLoginAsync(HttpContext ctx)
    {
        var parts = ctx.Request.Path.Value!.Trim('/').Split('/');
        var tenant = parts[0];
        var authority = $"https://{LoginHost}/{tenant}";
        if (HttpMethods.IsGet(ctx.Request.Method) && ctx.Request.Path.Value.EndsWith("/.well-known/openid-configuration", StringComparison.Ordinal))
        {
            await JsonAsync(ctx, 200, new JsonObject
            {
                ["issuer"] = $"{authority}/v2.0",
                ["authorization_endpoint"] = $"{authority}/oauth2/v2.0/authorize",
                ["token_endpoint"] = $"{authority}/oauth2/v2.0/token",
                ["token_endpoint_auth_methods_supported"] = new JsonArray("client_secret_post", "private_key_jwt"),
                ["tenant_region_scope"] = "EU",
            });
            return;
        }

        if (!HttpMethods.IsPost(ctx.Request.Method) || !ctx.Request.Path.Value.EndsWith("/oauth2/v2.0/token", StringComparison.Ordinal))
        {
            await JsonAsync(ctx, 404, new JsonObject { ["error"] = "not_found", ["error_description"] = $"No route {ctx.Request.Path}" });
            return;
        }

        var form = await ctx.Request.ReadFormAsync();
        var clientId = form["client_id"].ToString();
        var proof = form.TryGetValue("client_secret", out var secret) ? secret.ToString() : form["client_assertion"].ToString();
        var scope = form["scope"].ToString();
        _tokenRequests.Enqueue($"{tenant} {clientId} {form["grant_type"]} {scope} {(form.ContainsKey("client_assertion") ? "assertion" : "secret")}");
        string? expected;
        lock (_gate)
        {
            expected = _clients.GetValueOrDefault((tenant, clientId));
        }

        if (expected is null || expected != proof)
        {
            await JsonAsync(ctx, 401, new JsonObject
            {
                ["error"] = "invalid_client",
                ["error_description"] = $"AADSTS7000215: Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '{clientId}'.",
                ["error_codes"] = new JsonArray(7000215),
                ["trace_id"] = Guid.NewGuid().ToString(),
                ["correlation_id"] = Guid.NewGuid().ToString(),
            });
            return;
        }

        var token = $"fake-{Guid.NewGuid():n}";
        lock (_gate)
        {
            _issuedTokens.Add(token);
        }

        await JsonAsync(ctx, 200, new JsonObject
        {
            ["token_type"] = "Bearer",
            ["expires_in"] = 3599,
            ["ext_expires_in"] = 3599,
            ["access_token"] = token,
        });
    }
}
