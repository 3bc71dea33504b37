using System.Net;
using System.Text.Json.Nodes;

namespace Failkit.Studio.Tests;

/// <summary>The elsa-contract's "minimum viable backend" (section 7), route by route, without a browser: the shapes
/// whose absence crashed the real Studio when the contract was measured.</summary>
public sealed class ContractTests(StudioHost host)
{
    /// <summary>Definition fields the Settings panel crashes on when they are an explicit null.</summary>
    private static readonly string[] NeverNull = ["variables", "inputs", "outputs", "outcomes", "customProperties", "options"];

    /// <summary>Free-form dictionaries whose keys are data, not field names.</summary>
    private static readonly string[] DataKeys = ["properties", "customProperties", "constructionProperties", "metadata", "input", "output", "payload", "activityState", "uiSpecifications"];

    [Fact]
    public async Task StartupRoutes_AnswerTheShapesTheEditorNeeds()
    {
        using var api = await host.ApiClientAsync("owner");

        var definition = await Get(api, "workflow-definitions/by-definition-id/failkit-example?versionOptions=Latest");
        AssertEditableDefinition(definition);

        var activities = await Get(api, "descriptors/activities?Refresh=True");
        var items = activities["items"]!.AsArray();
        Assert.Equal(items.Count, (int)activities["count"]!);
        foreach (var d in items.Select(i => i!.AsObject()))
        {
            foreach (var field in new[] { "typeName", "version", "category", "displayName", "isBrowsable", "kind", "ports", "inputs", "outputs" })
            {
                Assert.True(d[field] is not null, $"{d["typeName"]} lacks {field}");
            }

            foreach (var input in d["inputs"]!.AsArray())
            {
                foreach (var field in new[] { "name", "typeName", "uiHint", "isWrapped", "isBrowsable" })
                {
                    Assert.True(input![field] is not null, $"{d["typeName"]}.{input["name"]} lacks {field}");
                }
            }
        }

        var expressions = (await Get(api, "descriptors/expression-descriptors"))["items"]!.AsArray();
        Assert.Contains(expressions, e => (string?)e!["type"] is not ("Literal" or "Object" or "Variable" or "Input"));
        Assert.Contains(expressions, e => (string?)e!["properties"]!["MonacoLanguage"] == "javascript");
        Assert.Contains(expressions, e => (string?)e!["properties"]!["MonacoLanguage"] == "liquid");

        foreach (var list in new[]
        {
            "descriptors/workflow-activation-strategies", "descriptors/log-persistence-strategies", "descriptors/incident-strategies",
            "descriptors/commit-strategies/workflows", "descriptors/commit-strategies/activities", "descriptors/variables", "descriptors/storage-drivers",
        })
        {
            Assert.IsType<JsonArray>((await Get(api, list))["items"]);
        }

        var features = await Get(api, "features/installed");
        Assert.Equal(0, (int)features["count"]!);
        Assert.Empty(features["items"]!.AsArray());
    }

    [Fact]
    public async Task WriteRoutes_FollowTheVersioningContract()
    {
        using var api = await host.ApiClientAsync("owner");
        var model = Api.Example();
        model["definitionId"] = "contract-writes";
        model["name"] = "Contract writes";

        var saved = await Post(api, "workflow-definitions", new JsonObject { ["model"] = model.DeepClone(), ["publish"] = false });
        AssertEditableDefinition(saved["workflowDefinition"]!.AsObject());
        Assert.False((bool)saved["alreadyPublished"]!);
        Assert.Equal(0, (int)saved["consumingWorkflowCount"]!);
        Assert.IsType<JsonArray>(saved["validationErrors"]);

        var published = await Post(api, "workflow-definitions/contract-writes/publish", new JsonObject());
        Assert.True((bool)published["workflowDefinition"]!["isPublished"]!);
        model["description"] = "Changed after publishing";
        var draft = await Post(api, "workflow-definitions", new JsonObject { ["model"] = model.DeepClone(), ["publish"] = false });
        Assert.Equal(2, (int)draft["workflowDefinition"]!["version"]!);
        var retracted = await Post(api, "workflow-definitions/contract-writes/retract", new JsonObject());
        Assert.False((bool)retracted["isPublished"]!);

        var list = await Get(api, "workflow-definitions?versionOptions=Latest&Page=0&PageSize=10&SearchTerm=&IsSystem=False&OrderDirection=Ascending");
        Assert.Contains(list["links"]!.AsArray(), l => (string?)l!["rel"] == "bulk-publish");
        Assert.True((long)list["totalCount"]! >= 2);
        var history = await Get(api, "workflow-definitions?versionOptions=AllVersions&Page=0&PageSize=10&DefinitionIds=contract-writes&OrderBy=Version&OrderDirection=Descending");
        var rows = history["items"]!.AsArray();
        Assert.Equal([2, 1], rows.Select(r => (int)r!["version"]!));
        var byId = await Get(api, $"workflow-definitions/by-id/{rows[1]!["id"]}");
        Assert.False((bool)byId["isLatest"]!);

        var revert = await api.PostAsync(new Uri("workflow-definitions/contract-writes/revert/1", UriKind.Relative), null);
        Assert.Equal(HttpStatusCode.Created, revert.StatusCode);
        var summary = JsonNode.Parse(await revert.Content.ReadAsStringAsync())!;
        Assert.Equal(3, (int)summary["version"]!);
        Assert.Contains(summary["links"]!.AsArray(), l => (string?)l!["rel"] == "publish");

        Assert.True((bool)(await Get(api, "workflow-definitions/validation/is-name-unique?name=Nobody%20uses%20this"))["isUnique"]!);
        Assert.False((bool)(await Get(api, "workflow-definitions/validation/is-name-unique?name=Contract%20writes"))["isUnique"]!);

        var run = await api.PostAsync(new Uri("workflow-definitions/contract-writes/execute", UriKind.Relative),
            JsonContent("""{"correlationId":null,"triggerActivityId":null,"versionOptions":"Latest","input":null}"""));
        Assert.Equal(HttpStatusCode.OK, run.StatusCode);
        Assert.False(string.IsNullOrEmpty(run.Headers.GetValues("x-elsa-workflow-instance-id").Single()));

        var types = await api.PostAsync(new Uri("scripting/javascript/type-definitions/contract-writes", UriKind.Relative),
            JsonContent("""{"workflowDefinitionId":"contract-writes","activityTypeName":"Elsa.WriteLine","propertyName":"text"}"""));
        Assert.Equal(HttpStatusCode.OK, types.StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await api.DeleteAsync(new Uri($"workflow-definition-versions/{rows[1]!["id"]}", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await api.DeleteAsync(new Uri("workflow-definitions/contract-writes", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task Auditor_GetsNoWritingLinks()
    {
        using var api = await host.ApiClientAsync("auditor");
        var list = await Get(api, "workflow-definitions?versionOptions=Latest");
        Assert.Empty(list["links"]!.AsArray());
        var row = list["items"]!.AsArray().First(i => (string?)i!["definitionId"] == "failkit-example")!;
        Assert.Equal(["self", "versions"], row["links"]!.AsArray().Select(l => (string?)l!["rel"]));
    }

    private static void AssertEditableDefinition(JsonObject d)
    {
        foreach (var field in new[] { "id", "definitionId", "name", "version", "isLatest", "isPublished", "root", "links" })
        {
            Assert.True(d[field] is not null, $"The definition lacks {field}: {d}");
        }

        Assert.True((bool)d["isLatest"]!);
        Assert.Contains(d["links"]!.AsArray(), l => (string?)l!["rel"] == "publish");
        foreach (var field in NeverNull)
        {
            Assert.False(d.ContainsKey(field) && d[field] is null, $"{field} is an explicit null.");
        }

        var root = d["root"]!.AsObject();
        Assert.Equal($"Workflow1:{root["id"]}", (string?)root["nodeId"]);
        foreach (var activity in root["activities"]!.AsArray())
        {
            Assert.Equal($"Workflow1:{root["id"]}:{activity!["id"]}", (string?)activity["nodeId"]);
        }

        Assert.IsType<JsonArray>(root["connections"]);
    }

    private static async Task<JsonObject> Get(HttpClient api, string url)
    {
        var body = await api.GetObjectAsync(url);
        AssertCamelCase(body, url);
        return body;
    }

    private static async Task<JsonObject> Post(HttpClient api, string url, JsonObject body)
    {
        var response = await api.PostObjectAsync(url, body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"POST {url}: {(int)response.StatusCode} {text}");
        var reply = JsonNode.Parse(text)!.AsObject();
        AssertCamelCase(reply, url);
        return reply;
    }

    private static void AssertCamelCase(JsonNode? node, string where)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (key, value) in o)
                {
                    Assert.True(char.IsLower(key[0]), $"{where}: '{key}' is not camelCase.");
                    if (!DataKeys.Contains(key))
                    {
                        AssertCamelCase(value, where);
                    }
                }

                break;
            case JsonArray a:
                foreach (var item in a)
                {
                    AssertCamelCase(item, where);
                }

                break;
        }
    }

    private static StringContent JsonContent(string json) => new(json, System.Text.Encoding.UTF8, "application/json");
}
