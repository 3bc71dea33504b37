using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Failkit.Identity;
using Failkit.Tenancy;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Failkit.Portal.GettingStarted;

/// <summary>A fresh agent enrollment token for this tenant, or why there is none (a sentence for the page).</summary>
public sealed record EnrollmentToken(string? Token, DateTimeOffset? ExpiresAt, string? Problem);

/// <summary>Mints agent enrollment tokens. Only the management plane holds them; the tenant plane asks it.</summary>
public interface IAgentEnrollmentTokens
{
    Task<EnrollmentToken> MintAsync(CancellationToken ct);
}

/// <summary><c>POST {Failkit:Management:Url}/internal/planes/{slug}/bootstrap-tokens/agent</c> with this plane's key,
/// the same way the bootstrap link is redeemed; the management plane mints the token <c>./failkit enroll-token</c>
/// would.</summary>
public sealed class HttpAgentEnrollmentTokens(
    HttpClient http, IOptions<IdentityOptions> options, IConfiguration configuration, ILogger<HttpAgentEnrollmentTokens> log) : IAgentEnrollmentTokens
{
    private const string Unavailable = "The management plane cannot mint a token right now. Try again, or run ./failkit enroll-token on the server.";

    public async Task<EnrollmentToken> MintAsync(CancellationToken ct)
    {
        var o = options.Value;
        var key = configuration[PlaneKeys.ConfigurationKey];
        if (o.ManagementUrl is null || string.IsNullOrEmpty(o.TenantSlug) || string.IsNullOrEmpty(key))
        {
            return new EnrollmentToken(null, null, "This plane is not connected to a management plane, so it cannot mint enrollment tokens.");
        }

        using var request = new HttpRequestMessage(HttpMethod.Post,
            new Uri(o.ManagementUrl, $"/internal/planes/{Uri.EscapeDataString(o.TenantSlug)}/bootstrap-tokens/agent"));
        request.Headers.Authorization = new AuthenticationHeaderValue(PlaneKeys.Scheme, key);
        try
        {
            using var response = await http.SendAsync(request, ct);
            if (!response.IsSuccessStatusCode)
            {
                log.LogError("The management plane answered {Status} to an agent token request", (int)response.StatusCode);
                return new EnrollmentToken(null, null, Unavailable);
            }

            var body = await response.Content.ReadFromJsonAsync<JsonElement>(ct);
            return new EnrollmentToken(body.GetProperty("token").GetString(), body.GetProperty("expiresAt").GetDateTimeOffset(), null);
        }
        catch (Exception ex) when (ex is HttpRequestException or JsonException or KeyNotFoundException or InvalidOperationException
            or TaskCanceledException && !ct.IsCancellationRequested)
        {
            log.LogError(ex, "No agent enrollment token from the management plane");
            return new EnrollmentToken(null, null, Unavailable);
        }
    }
}
