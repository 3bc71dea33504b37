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

    internal static async Task<Results<Ok<OidcSettingsView>, NotFound>> GetOidcAsync(SsoSettingsService settings, CancellationToken ct) =>
        await settings.GetOidcAsync(ct) is { } s ? TypedResults.Ok(s) : TypedResults.NotFound();

    internal static async Task<Results<Ok<SamlSettingsView>, NotFound>> GetSamlAsync(SsoSettingsService settings, CancellationToken ct) =>
        await settings.GetSamlAsync(ct) is { } s ? TypedResults.Ok(s) : TypedResults.NotFound();

    internal static async Task<Results<Ok<OidcSettingsView>, ValidationProblem>> PutOidcAsync(HttpRequest request, SsoSettingsService settings, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var input = await ReadBodyAsync<OidcSettingsInput>(request, errors, ct);
        var saved = input is null ? null : await settings.SaveOidcAsync(input, AuditEntry.For(request.HttpContext, SettingsSavedKind), errors, ct);
        return saved is null ? TypedResults.ValidationProblem(errors) : TypedResults.Ok(saved);
    }

    internal static async Task<Results<Ok<SamlSettingsView>, ValidationProblem>> PutSamlAsync(HttpRequest request, SsoSettingsService settings, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var input = await ReadBodyAsync<SamlSettingsInput>(request, errors, ct);
        var saved = input is null ? null : await settings.SaveSamlAsync(input, AuditEntry.For(request.HttpContext, SettingsSavedKind), errors, ct);
        return saved is null ? TypedResults.ValidationProblem(errors) : TypedResults.Ok(saved);
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
