using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace Failkit.Workflows.Api.Tests.Http;

/// <summary>Raw JSON in and out, so the tests see the exact wire shape the Studio sees.</summary>
public static class HttpJson
{
    public static Task<HttpResponseMessage> PostJsonAsync(this HttpClient client, string url, string json, CancellationToken ct) =>
        client.PostAsync(url, new StringContent(json, Encoding.UTF8, "application/json"), ct);

    public static Task<HttpResponseMessage> PostJsonAsync(this HttpClient client, string url, JsonNode json, CancellationToken ct) =>
        client.PostJsonAsync(url, json.ToJsonString(), ct);

    public static async Task<JsonObject> ReadObjectAsync(this HttpResponseMessage response, HttpStatusCode expected, CancellationToken ct)
    {
        var text = await response.Content.ReadAsStringAsync(ct);
        Assert.True(response.StatusCode == expected, $"Expected {(int)expected}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return JsonNode.Parse(text)!.AsObject();
    }

    /// <summary>Asserts an RFC 7807 response: the status, the problem+json content type, and a matching body status.</summary>
    public static async Task<JsonObject> ReadProblemAsync(this HttpResponseMessage response, HttpStatusCode expected, CancellationToken ct)
    {
        var text = await response.Content.ReadAsStringAsync(ct);
        Assert.True(response.StatusCode == expected, $"Expected {(int)expected}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonNode.Parse(text)!.AsObject();
        Assert.Equal((int)expected, (int)problem["status"]!);
        Assert.False(string.IsNullOrEmpty((string?)problem["title"]));
        return problem;
    }

    /// <summary>Every key of every object, recursively: for asserting camelCase and the absence of nulls.</summary>
    public static IEnumerable<(string Key, JsonNode? Value)> AllProperties(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (key, value) in o)
                {
                    yield return (key, value);
                    foreach (var inner in AllProperties(value))
                    {
                        yield return inner;
                    }
                }

                break;
            case JsonArray a:
                foreach (var inner in a.SelectMany(AllProperties))
                {
                    yield return inner;
                }

                break;
        }
    }
}
