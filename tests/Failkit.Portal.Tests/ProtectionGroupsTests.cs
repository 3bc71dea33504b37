using System.Text.RegularExpressions;
using Failkit.Drills;
using Microsoft.Playwright;

namespace Failkit.Portal.Tests;

/// <summary>The protection group pages: the list, and the form that creates a group from agent-reported disks with its
/// waves arranged by drag and drop and by the keyboard arrows.</summary>
public sealed partial class ProtectionGroupsTests(PortalHost host, Browser browser)
{
    [Fact]
    public async Task NewGroup_ThroughTheForm_IsSavedWithItsWaves()
    {
        var disks = await host.ReportedDisksAsync("db-os", "app-os", "web-os");
        var account = await host.SimAccountAsync("groups");
        var name = $"shop-{Guid.NewGuid():N}"[..13];
        await using var tab = await PortalSession.OpenAsync(browser, host, "admin");
        await tab.GotoAsync("/protection-groups");
        await tab.Page.Locator("[data-test=new-group]").ClickAsync();
        await tab.Page.WaitForURLAsync("**/protection-groups/new");
        await tab.Page.Locator("[data-test=circuit][data-interactive=true]").WaitForAsync(new() { State = WaitForSelectorState.Attached });

        // The server's rules answer next to the field: nothing typed yet.
        await tab.Page.Locator("[data-test=save-group]").ClickAsync();
        await Assertions.Expect(tab.Page.GetByText("name must be 1-100 characters")).ToBeVisibleAsync();

        await tab.Page.GetByLabel("Name", new() { Exact = true }).FillAsync(name);
        await PickAsync(tab.Page, "Cloud account", account.Name);
        await Assertions.Expect(tab.Page.Locator("[data-test=network]")).ToContainTextAsync("network drill-net, subnet drill-subnet");
        string[] vms = ["db", "app", "web"];
        for (var i = 0; i < vms.Length; i++)
        {
            await tab.Page.Locator("[data-test=add-vm]").ClickAsync();
            await tab.Page.GetByLabel($"VM {i + 1} name").FillAsync(vms[i]);
            await PickAsync(tab.Page, $"VM {i + 1} disks", disks[i]);
            await tab.Page.Keyboard.PressAsync("Escape");
        }

        await tab.Page.GetByRole(AriaRole.Button, new() { Name = "Add probe" }).First.ClickAsync();
        await tab.Page.GetByLabel("VM 1 probe 1 URL").FillAsync("http://{address}:5432/");

        // app is dragged into wave 2; web goes to wave 3 by keyboard alone.
        var app = tab.Page.Locator("[data-test=wave-vm][data-vm=app]");
        await app.DragToAsync(tab.Page.Locator("[data-test=wave][data-wave='2'] .mud-drop-zone"));
        await Assertions.Expect(tab.Page.Locator("[data-test=wave][data-wave='2'] [data-test=wave-vm][data-vm=app]")).ToBeVisibleAsync();
        var later = tab.Page.Locator("[data-test=wave-vm][data-vm=web] [data-test=later]");
        await later.FocusAsync();
        await tab.Page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(tab.Page.Locator("[data-test=wave][data-wave='2'] [data-test=wave-vm][data-vm=web]")).ToBeVisibleAsync();
        await tab.Page.Locator("[data-test=wave-vm][data-vm=web] [data-test=later]").FocusAsync();
        await tab.Page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(tab.Page.Locator("[data-test=wave][data-wave='3'] [data-test=wave-vm][data-vm=web]")).ToBeVisibleAsync();
        await tab.ShotAsync("protection-group-form");

        await tab.Page.Locator("[data-test=save-group]").ClickAsync();
        await tab.Page.WaitForURLAsync(GroupUrl());
        var saved = (await host.Get<ProtectionGroupStore>().ListAsync(CancellationToken.None)).Single(g => g.Name == name);
        Assert.Equal(account.Id, saved.CloudAccountId);
        Assert.Equal(["db:1", "app:2", "web:3"], saved.Vms.OrderBy(v => v.Wave).Select(v => $"{v.Name}:{v.Wave}"));
        Assert.Equal([disks[0]], saved.Vms.Single(v => v.Name == "db").Disks.Select(d => d.Name));
        Assert.Equal(8L << 30, saved.Vms.Single(v => v.Name == "db").Disks[0].SizeBytes);
        Assert.Equal("http://{address}:5432/", saved.Vms.Single(v => v.Name == "db").Probes.Single().Url);
        // Audited as POST /api/protection-groups audits it: this user, from the page's client address.
        var created = Assert.Single(await host.AuditWrittenAsync(ProtectionGroupEndpoints.GroupCreated, saved.Id.ToString()));
        Assert.Equal(("user:admin@example.test", "127.0.0.1"), (created.Actor, created.Source));

        await tab.GotoAsync("/protection-groups");
        await Assertions.Expect(tab.Page.Locator("tr", new() { HasText = name })).ToContainTextAsync(account.Name);
        await tab.ShotAsync("protection-groups");
        tab.AssertNoConsoleErrors();
    }

    [Fact]
    public async Task Auditor_SeesGroupsReadOnly()
    {
        var group = await host.GroupAsync("readonly", vms: 2, timeScale: 0.002);
        await using var tab = await PortalSession.OpenAsync(browser, host, "auditor");
        await tab.GotoAsync("/protection-groups");
        await Assertions.Expect(tab.Page.Locator("tr", new() { HasText = group.Name })).ToBeVisibleAsync();
        await Assertions.Expect(tab.Page.Locator("[data-test=new-group]")).ToHaveCountAsync(0);
        await Assertions.Expect(tab.Page.Locator("[data-test=delete-group]")).ToHaveCountAsync(0);

        await tab.GotoAsync($"/protection-groups/{group.Id}");
        await Assertions.Expect(tab.Page.Locator("[data-test=read-only]")).ToBeVisibleAsync();
        await Assertions.Expect(tab.Page.Locator("[data-test=wave-vm]")).ToHaveCountAsync(2);
        await Assertions.Expect(tab.Page.Locator("[data-test=save-group]")).ToHaveCountAsync(0);
        await Assertions.Expect(tab.Page.Locator("[data-test=later]")).ToHaveCountAsync(0);
        await tab.ShotAsync("protection-group-auditor");
        tab.AssertNoConsoleErrors();
    }

    /// <summary>Opens a MudSelect by its label and clicks the option holding <paramref name="text"/>.</summary>
    internal static async Task PickAsync(IPage page, string label, string text)
    {
        await page.GetByLabel(label, new() { Exact = true }).ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item", new() { HasText = text }).ClickAsync();
    }

    [GeneratedRegex(@"/protection-groups/[0-9a-f-]{36}$")]
    private static partial Regex GroupUrl();
}
