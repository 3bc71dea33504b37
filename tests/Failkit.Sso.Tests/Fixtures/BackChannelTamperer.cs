using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Failkit.Sso.Tests.Fixtures;

/// <summary>What an attacker between the tenant plane and the IdP would change. Off unless a test sets it.</summary>
internal sealed class BackChannelTamperer
{
    /// <summary>Rewrites the id_token of the token endpoint's answer.</summary>
    public Func<string, string>? IdToken { get; set; }

    /// <summary>Replaces the payload of a JWT and keeps the header and the IdP's signature.</summary>
    public static string WithPayload(string jwt, Action<JsonObject> edit)
    {
        var parts = jwt.Split('.');
        var payload = JsonNode.Parse(Encoding.UTF8.GetString(Microsoft.IdentityModel.Tokens.Base64UrlEncoder.DecodeBytes(parts[1])))!.AsObject();
        edit(payload);
        parts[1] = Microsoft.IdentityModel.Tokens.Base64UrlEncoder.Encode(payload.ToJsonString());
        return string.Join('.', parts);
    }
}

internal sealed class TamperingHandler(BackChannelTamperer tamperer) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        if (tamperer.IdToken is not { } rewrite || request.RequestUri?.AbsolutePath != "/token" || !response.IsSuccessStatusCode)
        {
            return response;
        }

        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken))!.AsObject();
        body["id_token"] = rewrite(body["id_token"]!.GetValue<string>());
        response.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        return response;
    }
}
