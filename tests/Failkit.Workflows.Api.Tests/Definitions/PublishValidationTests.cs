using System.Net;
using System.Text.Json.Nodes;
using Failkit.Workflows.Api.Tests.Http;

namespace Failkit.Workflows.Api.Tests.Definitions;

/// <summary>Publishing validates the graph; each problem is a 400 problem+json naming the activity and the field.</summary>
public sealed class PublishValidationTests : ApiTest
{
    [Fact]
    public async Task UnknownActivityType_NamesActivityAndType()
    {
        var errors = await PublishInvalidAsync(Samples.Chain(Samples.WriteLine("w1", "a"), new JsonObject { ["id"] = "ghost", ["type"] = "Acme.Ghost", ["version"] = 1 }));

        Assert.Contains("Acme.Ghost", Message(errors, "ghost.type"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task DanglingConnection_NamesMissingActivityAndConnections()
    {
        var root = Samples.Flowchart(new JsonArray(Samples.WriteLine("w1", "a")), new JsonArray(Samples.Connection("w1", "nowhere")));

        var errors = await PublishInvalidAsync(root);

        Assert.Contains("nowhere", Message(errors, "nowhere.connections"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task MissingRequiredInput_NamesActivityAndInput()
    {
        var errors = await PublishInvalidAsync(Samples.Chain(Samples.WriteLine("w1", "a"), Samples.Event("wait", "")));

        Assert.Contains("EventName", Message(errors, "wait.eventName"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task WrongExpressionLanguage_NamesActivityAndInput()
    {
        var errors = await PublishInvalidAsync(Samples.Chain(Samples.WriteLine("w1", "1 + 1", language: "Python")));

        Assert.Contains("Python", Message(errors, "w1.text"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task InvalidPublish_LeavesNothingPublished()
    {
        await PublishInvalidAsync(Samples.Chain(Samples.WriteLine("w1", "x", language: "Python")));

        await (await Client.GetAsync("workflow-definitions/by-definition-id/invalid?versionOptions=Published", Ct)).ReadProblemAsync(HttpStatusCode.NotFound, Ct);
    }

    private async Task<JsonObject> PublishInvalidAsync(JsonObject root)
    {
        var response = await Client.PostJsonAsync("workflow-definitions", Samples.Save(Samples.Definition("invalid", root), publish: true), Ct);
        var problem = await response.ReadProblemAsync(HttpStatusCode.BadRequest, Ct);
        return problem["errors"]!.AsObject();
    }

    private static string Message(JsonObject errors, string key)
    {
        Assert.True(errors.ContainsKey(key), $"No error keyed '{key}' in {errors.ToJsonString()}");
        var message = (string)errors[key]![0]!;
        Assert.StartsWith($"Activity '{key.Split('.')[0]}', field '{key.Split('.')[1]}'", message, StringComparison.Ordinal);
        return message;
    }
}
