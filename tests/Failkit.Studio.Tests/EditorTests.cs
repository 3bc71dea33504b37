using System.Net;
using System.Text.Json.Nodes;
using Failkit.Workflows.Core.Model;
using Failkit.Workflows.Runtime.Stores;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Failkit.Studio.Tests;

/// <summary>The real Elsa Studio editor in Chromium against the real tenant plane and PostgreSQL.</summary>
public sealed class EditorTests(StudioHost host, Browser browser)
{
    private static readonly string[] ExampleActivities = ["start", "hello", "each-vm", "settle", "all-up", "pass", "fail"];

    [Fact]
    public async Task BuiltInRunbook_Opens_ActivitiesOnCanvasAndInPalette()
    {
        await using var studio = await StudioSession.OpenAsync(browser, host, "operator", "1-open");
        await studio.GotoAsync("studio/definitions/failkit-example");

        foreach (var id in ExampleActivities)
        {
            await studio.Node(id).WaitForAsync();
        }

        Assert.Equal(ExampleActivities.Length, await studio.Nodes.CountAsync());
        await Assertions.Expect(studio.Node("settle")).ToContainTextAsync("Let it settle");
        // Activities come from the assembly scan, the test kit's included, each under its category.
        foreach (var category in new[] { "Console", "Flow", "Scheduling", "Test kit" })
        {
            await Assertions.Expect(Palette(studio.Page).GetByText(category, new() { Exact = true })).ToBeVisibleAsync();
        }

        await Palette(studio.Page).GetByText("Test kit", new() { Exact = true }).ClickAsync();
        await Assertions.Expect(PaletteItem(studio.Page, "Record Side Effect")).ToBeVisibleAsync();
        await studio.ShotAsync("editor");
        await studio.AssertHealthyAsync();
    }

    [Fact]
    public async Task DraggedActivityWithInput_Published_DatabaseHoldsNextVersionAndRuntimeRunsIt()
    {
        using var api = await host.ApiClientAsync("operator");
        var id = await CopyExampleAsync(api, "designer-publish");
        var before = (await api.VersionsAsync(id)).Count;
        await using var studio = await StudioSession.OpenAsync(browser, host, "operator", "2-publish");
        await studio.GotoAsync($"studio/definitions/{id}");
        await studio.Node("settle").WaitForAsync();
        await studio.ShotAsync("before");

        await Palette(studio.Page).GetByText("Console", new() { Exact = true }).ClickAsync();
        await PaletteItem(studio.Page, "Write Line").DragToAsync(studio.Page.Locator(".x6-graph-svg"), new() { TargetPosition = new() { X = 600, Y = 120 } });
        await Assertions.Expect(studio.Nodes).ToHaveCountAsync(ExampleActivities.Length + 1);
        await InputField(studio.Page, "Text").FillAsync("Added in the designer");
        await InputField(studio.Page, "Text").PressAsync("Tab");
        await studio.ShotAsync("dropped");
        // The token outlives no page: wait until the page has renewed it once, then publish with the new one.
        await Api.EventuallyAsync(async () => await studio.RenewalsAsync() >= 1, "the page renews its token", 60);
        await studio.Page.Locator(".mud-button-group-root button.mud-icon-button.mud-primary-text").First.ClickAsync();
        await Assertions.Expect(studio.Page.GetByText("Workflow published")).ToBeVisibleAsync();
        await studio.ShotAsync("published");
        await studio.AssertHealthyAsync();

        var store = host.Services.GetRequiredService<IWorkflowDefinitionStore>();
        var versions = await store.GetVersionsAsync(id, CancellationToken.None);
        Assert.Equal(before + 1, versions.Count);
        var published = Assert.Single(versions, v => v.IsPublished);
        Assert.Equal(before + 1, published.Version);
        var added = published.Root["activities"]!.AsArray().Select(a => a!.AsObject())
            .Single(a => !ExampleActivities.Contains((string?)a["id"]));
        Assert.Equal("Elsa.WriteLine", (string?)added["type"]);
        Assert.Equal("Added in the designer", (string?)added["text"]!["expression"]!["value"]);

        var run = await api.PostObjectAsync($"workflow-definitions/{id}/execute", new JsonObject { ["versionOptions"] = "Published" });
        Assert.Equal(HttpStatusCode.OK, run.StatusCode);
        var instanceId = run.Headers.GetValues("x-elsa-workflow-instance-id").Single();
        await Api.EventuallyAsync(async () => (string?)(await api.GetObjectAsync($"workflow-instances/{instanceId}"))["subStatus"] == "Finished", "the run finishes");
        Assert.Equal(before + 1, (int)(await api.GetObjectAsync($"workflow-instances/{instanceId}"))["version"]!);
    }

    [Fact]
    public async Task VersionHistoryRevert_ToVersionN_DraftEqualsN()
    {
        using var api = await host.ApiClientAsync("admin");
        var id = await CopyExampleAsync(api, "designer-revert");
        var changed = Api.Example();
        changed["definitionId"] = id;
        changed["root"]!["activities"]![1]!["text"]!["expression"]!["value"] = "Changed in version 2";
        (await api.PostObjectAsync("workflow-definitions", new JsonObject { ["model"] = changed, ["publish"] = true })).EnsureSuccessStatusCode();
        var versionN = await ByVersionAsync(api, id, 1);

        await using var studio = await StudioSession.OpenAsync(browser, host, "admin", "3-revert");
        await studio.GotoAsync($"studio/definitions/{id}");
        await studio.Node("settle").WaitForAsync();
        await studio.Page.Locator(".mud-tab", new() { HasTextRegex = new("Version history", System.Text.RegularExpressions.RegexOptions.IgnoreCase) }).ClickAsync();
        var row = studio.Page.Locator("tr.mud-table-row", new() { Has = studio.Page.Locator("td.mud-table-cell", new() { HasTextRegex = new("^1$") }) });
        await row.WaitForAsync();
        await studio.ShotAsync("history");
        await row.Locator(".mud-menu-icon-button-activator").ClickAsync();
        await studio.Page.Locator(".mud-menu-item, .mud-list-item", new() { HasTextRegex = new("Rollback|Revert", System.Text.RegularExpressions.RegexOptions.IgnoreCase) }).First.ClickAsync();
        await Api.EventuallyAsync(async () => (await api.VersionsAsync(id)).Count == 3, "the revert creates version 3");
        await studio.ShotAsync("reverted");
        await studio.AssertHealthyAsync();

        var draft = await api.GetObjectAsync($"workflow-definitions/by-definition-id/{id}?versionOptions=Latest");
        Assert.Equal(3, (int)draft["version"]!);
        Assert.False((bool)draft["isPublished"]!);
        Assert.True(JsonNode.DeepEquals(versionN["root"], draft["root"]), $"v1: {versionN["root"]}\nv3: {draft["root"]}");
    }

    [Fact]
    public async Task Auditor_SeesReadOnlyEditor_AndApiSaveIs403()
    {
        await using var studio = await StudioSession.OpenAsync(browser, host, "auditor", "4-auditor");
        await studio.GotoAsync("studio/definitions/failkit-example");
        await studio.Node("settle").WaitForAsync();
        await Assertions.Expect(studio.Page.GetByText("read-only mode")).ToBeVisibleAsync();
        await studio.ShotAsync("read-only");
        await studio.AssertHealthyAsync();

        using var api = await host.ApiClientAsync("auditor");
        var definition = await api.GetObjectAsync("workflow-definitions/by-definition-id/failkit-example");
        Assert.DoesNotContain(definition["links"]!.AsArray(), l => (string?)l!["rel"] == "publish");
        var save = await api.PostObjectAsync("workflow-definitions", new JsonObject { ["model"] = Api.Example(), ["publish"] = false });
        Assert.Equal(HttpStatusCode.Forbidden, save.StatusCode);
        Assert.Equal("application/problem+json", save.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.Forbidden, (await api.PostObjectAsync("workflow-definitions/failkit-example/publish", new JsonObject())).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await api.DeleteAsync(new Uri("workflow-definitions/failkit-example", UriKind.Relative))).StatusCode);
    }

    private static ILocator Palette(IPage page) => page.Locator(".mud-expansion-panels").First;

    private static ILocator PaletteItem(IPage page, string displayName) =>
        page.Locator("div[draggable=true]", new() { HasText = displayName }).First;

    private static ILocator InputField(IPage page, string label) =>
        page.Locator(".mud-input-control", new() { Has = page.Locator("label", new() { HasTextRegex = new($"^{label}$") }) }).Locator("input").First;

    private static async Task<string> CopyExampleAsync(HttpClient api, string id)
    {
        var model = Api.Example();
        model["definitionId"] = id;
        model["name"] = id;
        (await api.PostObjectAsync("workflow-definitions", new JsonObject { ["model"] = model, ["publish"] = true })).EnsureSuccessStatusCode();
        return id;
    }

    private static async Task<JsonObject> ByVersionAsync(HttpClient api, string id, int version) =>
        await api.GetObjectAsync($"workflow-definitions/by-definition-id/{id}?versionOptions={version}");
}
