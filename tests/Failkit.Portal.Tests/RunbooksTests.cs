using Failkit.Workflows.Runtime.Stores;
using Microsoft.Playwright;

namespace Failkit.Portal.Tests;

/// <summary>The runbooks page: drill runbooks with their versions, the version each group and schedule runs, and
/// links into the designer that the designer answers.</summary>
public sealed class RunbooksTests(PortalHost host, Browser browser)
{
    [Fact]
    public async Task Runbooks_ShowVersionsAndWhatEachGroupRuns_LinkIntoTheStudio()
    {
        var group = await host.GroupAsync("runbooks", vms: 1, timeScale: 0.002);
        var published = (await host.Get<IWorkflowDefinitionStore>().GetVersionsAsync(group.RunbookDefinitionId, CancellationToken.None)).Single(v => v.IsPublished);
        await using var tab = await PortalSession.OpenAsync(browser, host, "operator");
        await tab.GotoAsync("/runbooks");

        var runbook = tab.Page.Locator("[data-test=runbooks] tr", new() { Has = tab.Page.Locator($"[data-runbook='{group.RunbookDefinitionId}']") });
        await Assertions.Expect(runbook.Locator("[data-test=version]", new() { HasText = "published" })).ToHaveTextAsync($"v{published.Version} published");
        await Assertions.Expect(runbook).ToContainTextAsync(group.Name);
        // Only drill runbooks: the tenant's other workflows (onboarding, retention) are not listed.
        await Assertions.Expect(tab.Page.Locator("[data-runbook='evidence-retention']")).ToHaveCountAsync(0);
        var edit = runbook.Locator("[data-test=edit]");
        await Assertions.Expect(edit).ToHaveAttributeAsync("href", $"/studio/definitions/{group.RunbookDefinitionId}");

        var row = tab.Page.Locator("[data-test=group-runbooks] tr", new() { HasText = group.Name });
        await Assertions.Expect(row.Locator("[data-test=used-version]")).ToHaveTextAsync($"v{published.Version}");
        await tab.ShotAsync("runbooks");

        // The designer's page answers the link for this user (same session cookie), without loading the whole designer here.
        var studio = await tab.Page.APIRequest.GetAsync((await edit.GetAttributeAsync("href"))!);
        Assert.Equal(200, studio.Status);
        Assert.Contains("elsa-workflow-definition-editor", await studio.TextAsync(), StringComparison.Ordinal);
        tab.AssertNoConsoleErrors();
    }
}
