using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Failkit.Agent.Crypto;

/// <summary>The JSON-over-HTTPS plumbing shared by the Azure Key Vault and GCP KMS wrappers.</summary>
internal static class RestKms
{
    public static async Task<JsonObject> PostAsync(HttpClient http, Uri url, string token, JsonObject body, string what, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent.Create(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, ct);
        }
        catch (HttpRequestException ex)
        {
            throw new AgentException($"{what}: cannot reach {url.GetLeftPart(UriPartial.Authority)}: {ex.Message}");
        }

        using (response)
        {
            var text = await response.Content.ReadAsStringAsync(ct);
            if (response.StatusCode is System.Net.HttpStatusCode.NotFound or System.Net.HttpStatusCode.Forbidden or System.Net.HttpStatusCode.BadRequest)
            {
                throw new AgentException($"wrong KMS key: {what} was refused ({(int)response.StatusCode}): {ErrorMessage(text)}");
            }

            if (!response.IsSuccessStatusCode)
            {
                throw new AgentException($"{what} failed ({(int)response.StatusCode}): {ErrorMessage(text)}");
            }

            return JsonNode.Parse(text) as JsonObject ?? throw new AgentException($"{what}: the KMS answered with no JSON object");
        }
    }

    public static string Required(JsonObject json, string name, string what) =>
        json[name]?.GetValue<string>() ?? throw new AgentException($"{what}: the KMS answer has no '{name}'");

    private static string ErrorMessage(string body)
    {
        try
        {
            return JsonNode.Parse(body)?["error"]?["message"]?.GetValue<string>() ?? body;
        }
        catch (JsonException)
        {
            return body;
        }
    }
}
