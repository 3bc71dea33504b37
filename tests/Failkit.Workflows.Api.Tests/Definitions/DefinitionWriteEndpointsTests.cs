using System.Net;
using System.Text.Json.Nodes;
using Failkit.Workflows.Api.Tests.Http;

namespace Failkit.Workflows.Api.Tests.Definitions;

public sealed class DefinitionWriteEndpointsTests : ApiTest
{
    [Fact]
    public async Task Versioning_SavePublishDraftRevertDelete_FollowsElsasRules()
    {
        var v1 = (await Client.SaveAsync(Samples.Hello("ver", "one"), publish: true, Ct))["workflowDefinition"]!;
        Assert.Equal(1, (int)v1["version"]!);
        Assert.True((bool)v1["isPublished"]! && (bool)v1["isLatest"]!);

        // A save after publish creates a draft v2; the next save overwrites that draft in place.
        var v2 = (await Client.SaveAsync(Samples.Hello("ver", "two"), publish: false, Ct))["workflowDefinition"]!;
        var v2Again = (await Client.SaveAsync(Samples.Hello("ver", "two!"), publish: false, Ct))["workflowDefinition"]!;
        Assert.Equal(2, (int)v2["version"]!);
        Assert.Equal((string?)v2["id"], (string?)v2Again["id"]);
        Assert.True(ApiClient.HasLink(v2Again, "publish"));
        var published = await Client.GetObjectAsync("workflow-definitions/by-definition-id/ver?versionOptions=Published", Ct);
        Assert.Equal(1, (int)published["version"]!);
        Assert.False((bool)published["isLatest"]!);

        var revert = await Client.PostAsync("workflow-definitions/ver/revert/1", null, Ct);
        var v3 = await revert.ReadObjectAsync(HttpStatusCode.Created, Ct);
        Assert.Equal(3, (int)v3["version"]!);
        Assert.True((bool)v3["isLatest"]!);
        Assert.False((bool)v3["isPublished"]!);
        Assert.True(ApiClient.HasLink(v3, "publish"));
        var v3Full = await Client.GetObjectAsync($"workflow-definitions/by-id/{v3["id"]}", Ct);
        Assert.Equal("one", (string?)v3Full["root"]!["activities"]![0]!["text"]!["expression"]!["value"]);

        var delete = await Client.DeleteAsync($"workflow-definition-versions/{v3["id"]}", Ct);
        Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        var latest = await Client.GetObjectAsync("workflow-definitions/by-definition-id/ver", Ct);
        Assert.Equal(2, (int)latest["version"]!);
        await (await Client.DeleteAsync($"workflow-definition-versions/{v3["id"]}", Ct)).ReadProblemAsync(HttpStatusCode.NotFound, Ct);
    }

    [Fact]
    public async Task Save_IgnoresTheClientsIdVersionAndFlags()
    {
        var model = Samples.Hello("client-fields");
        model["id"] = "client-chosen";
        model["version"] = 7;
        model["isPublished"] = true;
        model["isLatest"] = false;
        model["createdAt"] = "2001-01-01T00:00:00+00:00";

        var saved = (await Client.SaveAsync(model, publish: false, Ct))["workflowDefinition"]!;

        Assert.NotEqual("client-chosen", (string?)saved["id"]);
        Assert.Equal(1, (int)saved["version"]!);
        Assert.False((bool)saved["isPublished"]!);
        Assert.True((bool)saved["isLatest"]!);
        Assert.NotEqual(2001, DateTimeOffset.Parse((string)saved["createdAt"]!, System.Globalization.CultureInfo.InvariantCulture).Year);
    }

    [Fact]
    public async Task PublishSameBodyTwice_IsIdempotent()
    {
        var first = await Client.SaveAsync(Samples.Hello("twice"), publish: true, Ct);
        var second = await Client.SaveAsync(Samples.Hello("twice"), publish: true, Ct);

        Assert.True((bool)second["alreadyPublished"]!);
        Assert.Equal((string?)first["workflowDefinition"]!["id"], (string?)second["workflowDefinition"]!["id"]);
        var all = await Client.GetObjectAsync("workflow-definitions?versionOptions=AllVersions&DefinitionIds=twice", Ct);
        Assert.Equal(1, (int)all["totalCount"]!);
    }

    [Fact]
    public async Task PublishAndRetractRoutes_MoveThePublishedFlag()
    {
        await Client.SaveAsync(Samples.Hello("routes"), publish: false, Ct);

        var publish = await (await Client.PostJsonAsync("workflow-definitions/routes/publish", "{}", Ct)).ReadObjectAsync(HttpStatusCode.OK, Ct);
        Assert.True((bool)publish["workflowDefinition"]!["isPublished"]!);
        Assert.False((bool)publish["alreadyPublished"]!);
        var again = await (await Client.PostJsonAsync("workflow-definitions/routes/publish", "{}", Ct)).ReadObjectAsync(HttpStatusCode.OK, Ct);
        Assert.True((bool)again["alreadyPublished"]!);

        var retracted = await (await Client.PostJsonAsync("workflow-definitions/routes/retract", "{}", Ct)).ReadObjectAsync(HttpStatusCode.OK, Ct);
        Assert.False((bool)retracted["isPublished"]!);
        Assert.True(ApiClient.HasLink(retracted, "publish"));
    }

    [Fact]
    public async Task RetractUnpublished_Is400Problem()
    {
        await Client.SaveAsync(Samples.Hello("draft-only"), publish: false, Ct);

        var problem = await (await Client.PostJsonAsync("workflow-definitions/draft-only/retract", "{}", Ct)).ReadProblemAsync(HttpStatusCode.BadRequest, Ct);

        Assert.Contains("not published", (string?)problem["detail"], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("workflow-definitions/ghost/retract")]
    [InlineData("workflow-definitions/ghost/publish")]
    [InlineData("workflow-definitions/ghost/revert/1")]
    public async Task WriteToUnknownDefinition_Is404Problem(string url) =>
        await (await Client.PostJsonAsync(url, "{}", Ct)).ReadProblemAsync(HttpStatusCode.NotFound, Ct);

    [Fact]
    public async Task DeleteDefinition_RemovesAllVersions()
    {
        await Client.SaveAsync(Samples.Hello("gone"), publish: true, Ct);
        await Client.SaveAsync(Samples.Hello("gone", "draft"), publish: false, Ct);

        Assert.Equal(HttpStatusCode.NoContent, (await Client.DeleteAsync("workflow-definitions/gone", Ct)).StatusCode);

        await (await Client.GetAsync("workflow-definitions/by-definition-id/gone", Ct)).ReadProblemAsync(HttpStatusCode.NotFound, Ct);
        await (await Client.DeleteAsync("workflow-definitions/gone", Ct)).ReadProblemAsync(HttpStatusCode.NotFound, Ct);
    }

    [Theory]
    [InlineData("Elsa.StateMachine")]
    [InlineData("Acme.Nothing")]
    public async Task UnknownRootType_Is400ProblemNamingTheRoot(string type)
    {
        var model = Samples.Definition("bad-root", new JsonObject { ["id"] = "root1", ["type"] = type, ["version"] = 1 });

        var response = await Client.PostJsonAsync("workflow-definitions", Samples.Save(model, publish: false), Ct);

        var problem = await response.ReadProblemAsync(HttpStatusCode.BadRequest, Ct);
        Assert.Contains(type, (string?)problem["errors"]!["root1.type"]![0], StringComparison.Ordinal);
        await (await Client.GetAsync("workflow-definitions/by-definition-id/bad-root", Ct)).ReadProblemAsync(HttpStatusCode.NotFound, Ct);
    }

    [Fact]
    public async Task DraftWithUnknownActivityType_IsRefused_ButDraftMissingAnInputIsKept()
    {
        var unknown = new JsonObject { ["id"] = "x1", ["type"] = "Acme.Teleport", ["version"] = 1 };
        var refused = await Client.PostJsonAsync("workflow-definitions", Samples.Save(Samples.Definition("draft-types", Samples.Chain(unknown)), publish: false), Ct);
        var problem = await refused.ReadProblemAsync(HttpStatusCode.BadRequest, Ct);
        Assert.True(problem["errors"]!.AsObject().ContainsKey("x1.type"));

        var halfEdited = new JsonObject { ["id"] = "e1", ["type"] = "Elsa.Event", ["version"] = 1 };
        var kept = await Client.SaveAsync(Samples.Definition("draft-inputs", Samples.Chain(halfEdited)), publish: false, Ct);
        Assert.Equal("Workflow1:flow1:e1", (string?)kept["workflowDefinition"]!["root"]!["activities"]![0]!["nodeId"]);
    }
}
