using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Failkit.Activities.Drills;
using Failkit.Workflows.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Failkit.Studio.Tests;

/// <summary>The Failkit palette in the real Studio: every Failkit activity under its category with its description,
/// inputs in the editor their descriptor asks for, outputs listed, and custom ports drawn as connectors.</summary>
public sealed class PaletteTests(StudioHost host, Browser browser)
{
    [Fact]
    public async Task DrillRunbook_EveryFailkitActivityUnderItsCategoryWithDescription_NoOnboardingSteps()
    {
        using var api = await host.ApiClientAsync("operator");
        var drillTypes = host.Services.GetRequiredService<ActivityRegistry>().All
            .Where(m => m.ClrType.Assembly == typeof(ApprovalGate).Assembly).Select(m => m.Info.TypeName).ToHashSet();
        var failkit = (await api.GetObjectAsync("descriptors/activities"))["items"]!.AsArray().Select(d => d!.AsObject())
            .Where(d => drillTypes.Contains((string)d["typeName"]!)).ToList();
        Assert.Equal(drillTypes.Count, failkit.Count);
        Assert.True(failkit.Count >= 11, $"Only {failkit.Count} drill activities are described.");
        await using var studio = await StudioSession.OpenAsync(browser, host, "operator", "7-palette");
        await studio.GotoAsync("studio/definitions/drill-runbook");
        foreach (var id in new[] { "select", "approval", "list-waves", "each-wave", "measure-rto", "measure-rpo", "cleanup", "verify-cleanup", "compile" })
        {
            await studio.Node(id).WaitForAsync();
        }

        await AssertPortsAsync(studio, "approval", "Approved", "Rejected");
        await AssertPortsAsync(studio, "verify-cleanup", "Clean", "Leftovers");
        await Assertions.Expect(Panel(studio.Page, "Tenancy")).ToHaveCountAsync(0);
        foreach (var category in failkit.GroupBy(d => (string)d["category"]!))
        {
            await Panel(studio.Page, category.Key).Locator(".mud-expand-panel-header").ClickAsync();
            foreach (var d in category)
            {
                var item = Panel(studio.Page, category.Key).GetByText((string)d["displayName"]!, new() { Exact = true });
                await item.HoverAsync();
                await Assertions.Expect(studio.Page.Locator(".mud-tooltip", new() { HasText = (string)d["description"]! })).ToBeVisibleAsync();
            }
        }

        await studio.ShotAsync("categories");
        await studio.AssertHealthyAsync();
    }

    [Fact]
    public async Task FailkitInputs_GetTheirEditors_OutputsAndCustomPortsShown()
    {
        using var api = await host.ApiClientAsync("operator");
        const string id = "designer-palette";
        var saved = await api.PostObjectAsync("workflow-definitions", new JsonObject { ["model"] = Showcase.Model(id), ["publish"] = true });
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        await using var studio = await StudioSession.OpenAsync(browser, host, "operator", "8-editors");
        await studio.GotoAsync($"studio/definitions/{id}");
        await studio.Node("child").WaitForAsync();
        await AssertPortsAsync(studio, "approval", "Approved", "Rejected");
        await AssertPortsAsync(studio, "probe", "Passed", "Failed");
        await AssertPortsAsync(studio, "verify", "Clean", "Leftovers");

        // Checkbox, showing the class default (an approval is asked for unless turned off); the output is listed.
        await SelectAsync(studio, "approval");
        var required = Field(studio.Page, "Ask for an approval").Locator("input[type=checkbox]");
        await Assertions.Expect(required).ToBeCheckedAsync();
        await Tab(studio.Page, "Output").ClickAsync();
        await Assertions.Expect(studio.Page.Locator(".mud-tab-panel", new() { HasText = "The decision: approved or rejected" }).Last).ToBeVisibleAsync();
        await studio.ShotAsync("checkbox-output");

        // Dropdown: an enum input of a drill step (which signal counts as booted).
        await SelectAsync(studio, "boot");
        var signal = Field(studio.Page, "Which signal counts as booted");
        await signal.Locator(".mud-select-extended .mud-input-control").First.ClickAsync();
        await studio.Page.Locator(".mud-popover-open").GetByText("InstanceRunning", new() { Exact = true }).ClickAsync();
        await Assertions.Expect(signal.Locator("input")).ToHaveValueAsync("InstanceRunning");
        await studio.ShotAsync("dropdown");

        // JSON editor: the child workflow's input.
        await SelectAsync(studio, "child");
        await Assertions.Expect(Field(studio.Page, "Input handed to the child workflow").Locator(".monaco-editor-container")).ToHaveAttributeAsync("data-mode-id", "json");
        await studio.ShotAsync("json");

        // Code: a drill input switched to JavaScript, another to Liquid, each highlighted by Monaco.
        await SelectAsync(studio, "probe");
        await AssertCodeAsync(studio, "How many times a probe is tried", "JavaScript", "javascript", "Math.max(30, 10)");
        await studio.ShotAsync("javascript");
        await SelectAsync(studio, "boot");
        await AssertCodeAsync(studio, "A text the serial console shows", "Liquid", "liquid", "{% if true %}login:{% endif %}");
        await studio.ShotAsync("liquid");
        await studio.AssertHealthyAsync();
    }

    private static ILocator Panel(IPage page, string category) =>
        page.Locator(".mud-expand-panel", new() { Has = page.Locator(".mud-expand-panel-text", new() { HasTextRegex = new($"^{Regex.Escape(category)}$") }) });

    private static ILocator Tab(IPage page, string name) =>
        page.Locator(".mud-tab", new() { HasTextRegex = new($"^\\s*{name}\\s*$") }).First;

    /// <summary>One input's row in the activity panel (editor and syntax menu), found by its helper text.</summary>
    private static ILocator Field(IPage page, string description) =>
        page.Locator("div.d-flex.flex-row.gap-3", new() { HasText = description }).Last;

    private static async Task SelectAsync(StudioSession studio, string activityId)
    {
        await studio.Node(activityId).ClickAsync();
        await Tab(studio.Page, "Input").ClickAsync();
    }

    private static async Task AssertPortsAsync(StudioSession studio, string activityId, params string[] ports) =>
        await Assertions.Expect(studio.Node(activityId).Locator("g.x6-port-out .x6-port-label")).ToHaveTextAsync(ports);

    private static async Task AssertCodeAsync(StudioSession studio, string description, string syntax, string language, string code)
    {
        var field = Field(studio.Page, description);
        await field.Locator("button.mud-menu-icon-button-activator").ClickAsync();
        await studio.Page.Locator(".mud-popover-open .mud-menu-item, .mud-popover-open .mud-list-item", new() { HasTextRegex = new($"^\\s*{syntax}\\s*$") }).First.ClickAsync();
        var editor = field.Locator(".monaco-editor-container");
        await Assertions.Expect(editor).ToHaveAttributeAsync("data-mode-id", language);
        await editor.Locator(".view-lines").ClickAsync();
        await studio.Page.Keyboard.TypeAsync(code);
        await Assertions.Expect(editor.Locator(".view-lines")).ToContainTextAsync(code[..8]);
        // Highlighting: the tokenizer gives the code's parts different token classes (colours).
        var tokens = await editor.Locator(".view-line span span").EvaluateAllAsync<string[]>("els => [...new Set(els.map(e => e.className))]");
        Assert.True(tokens.Length >= 2, $"{language}: one token class only ({string.Join(", ", tokens)}), so nothing is highlighted.");
    }
}
