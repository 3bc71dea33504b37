using System.Text.Json.Nodes;
using Microsoft.Playwright;

namespace Failkit.Studio.Tests;

/// <summary>Publishing an invalid runbook in the real Studio: our 400 problem details reach the user as the Studio's
/// snackbar, naming the activity and the field, and nothing is published.</summary>
public sealed class ValidationTests(StudioHost host, Browser browser)
{
    [Fact]
    public async Task InvalidRunbook_Published_SnackbarNamesActivityAndField()
    {
        using var api = await host.ApiClientAsync("operator");
        const string id = "designer-invalid";
        var model = (await api.GetObjectAsync("workflow-definitions/by-definition-id/drill-runbook?versionOptions=Published")).DeepClone().AsObject();
        var draft = new JsonObject { ["definitionId"] = id, ["name"] = id, ["variables"] = model["variables"]!.DeepClone(), ["root"] = model["root"]!.DeepClone() };
        // A broken script on the probe inside the wave loop: a draft may hold it, publishing must refuse it.
        var probe = Find(draft["root"]!, "probe");
        probe["attempts"] = new JsonObject { ["typeName"] = "Int32", ["expression"] = new JsonObject { ["type"] = "JavaScript", ["value"] = "30 +" } };
        var saved = await api.PostObjectAsync("workflow-definitions", new JsonObject { ["model"] = draft, ["publish"] = false });
        Assert.True(saved.IsSuccessStatusCode, $"draft: {(int)saved.StatusCode} {await saved.Content.ReadAsStringAsync()}");

        await using var studio = await StudioSession.OpenAsync(browser, host, "operator", "6-validation");
        await studio.GotoAsync($"studio/definitions/{id}");
        await studio.Node("each-wave").WaitForAsync();
        await studio.Page.Locator(".mud-button-group-root button.mud-icon-button.mud-primary-text").First.ClickAsync();
        var snackbar = studio.Page.Locator(".mud-snackbar", new() { HasText = "Activity 'probe', field 'attempts'" });
        await Assertions.Expect(snackbar).ToBeVisibleAsync();
        await Assertions.Expect(snackbar).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("mud-alert-filled-error|mud-snackbar-error|error"));
        await studio.ShotAsync("snackbar");
        await studio.AssertHealthyAsync();

        var versions = await api.VersionsAsync(id);
        Assert.DoesNotContain(versions, v => (bool)v!["isPublished"]!);
    }

    private static JsonObject Find(JsonNode node, string activityId) =>
        TryFind(node, activityId) ?? throw new InvalidOperationException($"The runbook has no activity '{activityId}'.");

    private static JsonObject? TryFind(JsonNode node, string activityId) => node switch
    {
        JsonObject o when (string?)o["id"] == activityId && o.ContainsKey("type") => o,
        JsonObject o => o.Select(p => p.Value).OfType<JsonNode>().Select(c => TryFind(c, activityId)).FirstOrDefault(f => f is not null),
        JsonArray a => a.OfType<JsonNode>().Select(c => TryFind(c, activityId)).FirstOrDefault(f => f is not null),
        _ => null,
    };
}
