using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Failkit.Identity.Tests.Fixtures;

internal static class Tokens
{
    /// <summary>Creates an API client through the internal route (as the management plane does for embedded mode).</summary>
    public static async Task<(string ClientId, string Secret, string TokenUrl)> CreateClientAsync(TenantPlane plane, string role, string name = "test client")
    {
        using var client = plane.Anonymous();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/internal/api-clients") { Content = JsonContent.Create(new { name, role }) };
        request.Headers.Authorization = new AuthenticationHeaderValue("PlaneKey", TenantPlane.PlaneKey);
        var response = await client.SendAsync(request);
        Assert.Equal(System.Net.HttpStatusCode.Created, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (body.GetProperty("clientId").GetString()!, body.GetProperty("clientSecret").GetString()!, body.GetProperty("tokenUrl").GetString()!);
    }

    public static async Task<HttpResponseMessage> RequestAsync(HttpClient client, string clientId, string secret) =>
        await client.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = clientId,
            ["client_secret"] = secret,
        }));

    public static async Task<string> AccessTokenAsync(TenantPlane plane, string clientId, string secret)
    {
        using var client = plane.Anonymous();
        var response = await RequestAsync(client, clientId, secret);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        return JsonDocument.Parse(body).RootElement.GetProperty("access_token").GetString()!;
    }

    /// <summary>A client that sends <paramref name="token"/> as a bearer token.</summary>
    public static HttpClient Bearer(TenantPlane plane, string token)
    {
        var client = plane.Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }
}
