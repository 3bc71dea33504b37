using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Failkit.Tenancy;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Failkit.Identity.Bootstrap;

/// <summary><c>POST {Failkit:Management:Url}/internal/planes/{slug}/bootstrap-tokens/redeem</c> with this plane's key.
/// 200 <c>{"tenantId"}</c> is a success; 409 carries the reason in the problem's <c>failure</c>; anything else, or no
/// answer, is <see cref="BootstrapFailure.Unavailable"/>.</summary>
public sealed class HttpBootstrapTokenRedeemer(
    HttpClient http, IOptions<IdentityOptions> options, IConfiguration configuration, ILogger<HttpBootstrapTokenRedeemer> log) : IBootstrapTokenRedeemer
{
    public async Task<BootstrapRedemption> RedeemAsync(string token, CancellationToken ct)
    {
        var o = options.Value;
        var key = configuration[PlaneKeys.ConfigurationKey];
        if (o.ManagementUrl is null || string.IsNullOrEmpty(o.TenantSlug) || string.IsNullOrEmpty(key))
        {
            log.LogError("Bootstrap redemption is not configured: Failkit:Management:Url, Failkit:Tenant:Slug and {Key} are required", PlaneKeys.ConfigurationKey);
            return BootstrapRedemption.Refused(BootstrapFailure.Unavailable);
        }

        using var request = new HttpRequestMessage(HttpMethod.Post,
            new Uri(o.ManagementUrl, $"/internal/planes/{Uri.EscapeDataString(o.TenantSlug)}/bootstrap-tokens/redeem"))
        {
            Content = JsonContent.Create(new { token }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue(PlaneKeys.Scheme, key);
        try
        {
            using var response = await http.SendAsync(request, ct);
            if (response.StatusCode == HttpStatusCode.OK)
            {
                var body = await response.Content.ReadFromJsonAsync<JsonElement>(ct);
                return body.TryGetProperty("tenantId", out var id) && id.ValueKind == JsonValueKind.String
                    ? BootstrapRedemption.For(id.GetString()!)
                    : BootstrapRedemption.Refused(BootstrapFailure.Unavailable);
            }

            if (response.StatusCode == HttpStatusCode.Conflict)
            {
                var problem = await response.Content.ReadFromJsonAsync<JsonElement>(ct);
                if (problem.ValueKind == JsonValueKind.Object && problem.TryGetProperty("failure", out var f)
                    && Enum.TryParse<BootstrapFailure>(f.GetString(), ignoreCase: false, out var failure) && failure != BootstrapFailure.Unavailable)
                {
                    return BootstrapRedemption.Refused(failure);
                }

                return BootstrapRedemption.Refused(BootstrapFailure.Unknown);
            }

            log.LogError("The management plane answered {Status} to a bootstrap redemption", (int)response.StatusCode);
            return BootstrapRedemption.Refused(BootstrapFailure.Unavailable);
        }
        catch (Exception ex) when (ex is HttpRequestException or JsonException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            log.LogError(ex, "The management plane could not redeem a bootstrap token");
            return BootstrapRedemption.Refused(BootstrapFailure.Unavailable);
        }
    }
}
