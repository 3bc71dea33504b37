using System.Text.Json;
using Failkit.Sso.Settings;
using Failkit.Sso.Storage;
using Failkit.Tenancy.Audit;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace Failkit.Sso;

public static partial class SsoEndpoints
{
    /// <summary>Settings bodies are a few kilobytes (a PEM certificate is the largest field).</summary>
    private const int MaxSettingsBody = 64 * 1024;

    public static RouteGroupBuilder MapSsoSettingsEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/sso").WithTags("SSO settings").AddEndpointFilter<TierFilter>();
        api.MapGet("/oidc", GetOidcAsync).WithName("GetSsoOidcSettings");
        api.MapPut("/oidc", PutOidcAsync).WithName("PutSsoOidcSettings");
        api.MapGet("/saml", GetSamlAsync).WithName("GetSsoSamlSettings");
        api.MapPut("/saml", PutSamlAsync).WithName("PutSsoSamlSettings");
        return api;
    }

    internal static async Task<Results<Ok<OidcSettingsView>, NotFound>> GetOidcAsync(SsoSettingsStore store, SsoOptions options, CancellationToken ct) =>
        await store.GetOidcAsync(ct) is { } s ? TypedResults.Ok(OidcSettingsView.From(s, options)) : TypedResults.NotFound();

    internal static async Task<Results<Ok<SamlSettingsView>, NotFound>> GetSamlAsync(SsoSettingsStore store, SsoOptions options, CancellationToken ct) =>
        await store.GetSamlAsync(ct) is { } s ? TypedResults.Ok(SamlSettingsView.From(s, options)) : TypedResults.NotFound();

    internal static async Task<Results<Ok<OidcSettingsView>, ValidationProblem>> PutOidcAsync(
        HttpRequest request, SsoSettingsStore store, SsoOptions options, IAuditTrail audit, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var input = await ReadBodyAsync<OidcSettingsInput>(request, errors, ct);
        var current = await store.GetOidcAsync(ct);
        var settings = input?.Validate(current, errors);
        if (settings is null)
        {
            return TypedResults.ValidationProblem(errors);
        }

        await store.SaveAsync(settings, ct);
        var after = OidcSettingsView.From(settings, options);
        var before = current is null ? null : OidcSettingsView.From(current, options);
        await AuditAsync(audit, request.HttpContext, "oidc", before, after, before?.RoleMapping, before?.DefaultRole, after.RoleMapping, after.DefaultRole, ct);
        return TypedResults.Ok(after);
    }

    internal static async Task<Results<Ok<SamlSettingsView>, ValidationProblem>> PutSamlAsync(
        HttpRequest request, SsoSettingsStore store, SsoOptions options, IAuditTrail audit, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var settings = (await ReadBodyAsync<SamlSettingsInput>(request, errors, ct))?.Validate(errors);
        if (settings is null)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var current = await store.GetSamlAsync(ct);
        await store.SaveAsync(settings, ct);
        var after = SamlSettingsView.From(settings, options);
        var before = current is null ? null : SamlSettingsView.From(current, options);
        await AuditAsync(audit, request.HttpContext, "saml", before, after, before?.RoleMapping, before?.DefaultRole, after.RoleMapping, after.DefaultRole, ct);
        return TypedResults.Ok(after);
    }

    /// <summary>Reads at most <see cref="MaxSettingsBody"/> bytes of JSON; a malformed or oversized body becomes a
    /// validation problem instead of the framework's empty 400.</summary>
    private static async Task<T?> ReadBodyAsync<T>(HttpRequest request, Dictionary<string, string[]> errors, CancellationToken ct)
        where T : class
    {
        if (!request.HasJsonContentType())
        {
            errors["body"] = ["send the settings as application/json"];
            return null;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > MaxSettingsBody)
            {
                errors["body"] = [$"the body is larger than {MaxSettingsBody / 1024} KiB"];
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        try
        {
            return JsonSerializer.Deserialize<T>(buffer.ToArray(), SsoSettingsStore.Json)
                ?? throw new JsonException("null body");
        }
        catch (JsonException ex)
        {
            errors["body"] = [$"the body is not valid settings JSON: {ex.Message}"];
            return null;
        }
    }
}
