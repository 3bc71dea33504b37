using System.Net;
using System.Text.Json.Nodes;

namespace Failkit.Workflows.Api.Tests.Http;

/// <summary>The calls most tests make, expecting success.</summary>
public static class ApiClient
{
    public static async Task<JsonObject> SaveAsync(this HttpClient client, JsonObject model, bool publish, CancellationToken ct)
    {
        var response = await client.PostJsonAsync("workflow-definitions", Samples.Save(model.DeepClone().AsObject(), publish), ct);
        return await response.ReadObjectAsync(HttpStatusCode.OK, ct);
    }

    public static async Task<JsonObject> GetObjectAsync(this HttpClient client, string url, CancellationToken ct) =>
        await (await client.GetAsync(url, ct)).ReadObjectAsync(HttpStatusCode.OK, ct);

    /// <summary>Runs the definition inline and returns the instance id from the response header.</summary>
    public static async Task<string> ExecuteAsync(this HttpClient client, string definitionId, CancellationToken ct, string body = """{"versionOptions":"Published"}""")
    {
        var response = await client.PostJsonAsync($"workflow-definitions/{definitionId}/execute", body, ct);
        await response.ReadObjectAsync(HttpStatusCode.OK, ct);
        return Assert.Single(response.Headers.GetValues("x-elsa-workflow-instance-id"));
    }

    public static bool HasLink(JsonNode? item, string rel) =>
        item?["links"] is JsonArray links && links.Any(l => (string?)l!["rel"] == rel);
}
