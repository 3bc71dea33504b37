using System.Security.Cryptography;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Failkit.Host.Tests.Management;

public sealed partial class JourneyTests
{
    /// <summary>Records the waterfall each time the page changes: per VM its status and how many phase segments its
    /// bar has, plus the drill's status. Installed once; a reload would drop it.</summary>
    private const string WatchWaterfall = """
        () => {
          const read = () => document.querySelector('[data-test=drill-status]').textContent.trim() + '|' +
            [...document.querySelectorAll('[data-test=waterfall] [data-test=vm]')]
              .map(v => v.dataset.vm + ':' + v.dataset.vmStatus + ':' + v.querySelectorAll('[data-test=segment]').length).join(',');
          window.journeySamples = [read()];
          new MutationObserver(() => {
            const now = read();
            if (now !== window.journeySamples[window.journeySamples.length - 1]) window.journeySamples.push(now);
          }).observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
        }
        """;

    /// <summary>Step 5: a 3-VM group in three waves from the agent-reported disks, on the Sim account, with a probe.</summary>
    private static async Task CreateGroupAsync(JourneyTab tab)
    {
        await tab.Page.Locator("[data-test=go-protection-group]").ClickAsync();
        await tab.Page.WaitForURLAsync("**/protection-groups/new");
        var page = tab.Page;
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("shop");
        await PickAsync(page, "Cloud account", "sim-journey");
        await Assertions.Expect(page.Locator("[data-test=network]")).ToContainTextAsync("network drill-net, subnet drill-subnet");
        await page.GetByLabel("RTO target (minutes)").FillAsync("30");
        for (var i = 0; i < Vms.Length; i++)
        {
            await page.Locator("[data-test=add-vm]").ClickAsync();
            await page.GetByLabel($"VM {i + 1} name").FillAsync(Vms[i].Name);
            await PickAsync(page, $"VM {i + 1} size", Vms[i].Size);
            await PickAsync(page, $"VM {i + 1} disks", Vms[i].Disk);
            await page.Keyboard.PressAsync("Escape");
        }

        await page.GetByRole(AriaRole.Button, new() { Name = "Add probe" }).Last.ClickAsync();
        await page.GetByLabel("VM 3 probe 1 URL").FillAsync("http://{address}:8080/health");
        // db boots first, app once db is green, web last: each moved a wave later with its arrow.
        for (var wave = 2; wave <= 3; wave++)
        {
            foreach (var (name, _, _) in Vms[(wave - 1)..])
            {
                await page.Locator($"[data-test=wave-vm][data-vm={name}] [data-test=later]").ClickAsync();
                await Assertions.Expect(page.Locator($"[data-test=wave][data-wave='{wave}'] [data-test=wave-vm][data-vm={name}]")).ToBeVisibleAsync();
            }
        }

        await tab.StepShotAsync("08-group-form");
        await page.Locator("[data-test=save-group]").ClickAsync();
        await page.WaitForURLAsync(GroupUrl());
        await Assertions.Expect(page.Locator("h4")).ToContainTextAsync("Protection group shop");
        for (var i = 0; i < Vms.Length; i++)
        {
            await Assertions.Expect(page.Locator($"[data-test=wave][data-wave='{i + 1}'] [data-test=wave-vm][data-vm={Vms[i].Name}]")).ToBeVisibleAsync();
        }
    }

    /// <summary>Step 6: the start dialog, then the live page: the bars fill and the verdict arrives without a reload.</summary>
    private static async Task<Guid> RunDrillAsync(JourneyTab tab)
    {
        var page = tab.Page;
        await page.Locator("[data-test=go-drill]").ClickAsync();
        await page.WaitForURLAsync("**/drills");
        await page.Locator("[data-test=start-drill]").ClickAsync();
        var dialog = page.Locator(".mud-dialog");
        await PickAsync(page, dialog.GetByLabel("Protection group"), "shop");
        await PickAsync(page, dialog.GetByLabel("Runbook", new() { Exact = true }), "drill-runbook");
        await PickAsync(page, dialog.GetByLabel("Runbook version"), "The published version");
        await Assertions.Expect(dialog.GetByLabel("Latest recovery point")).ToBeCheckedAsync();
        await tab.StepShotAsync("10-start-drill");
        await dialog.Locator("[data-test=start]").ClickAsync();
        await page.WaitForURLAsync(DrillUrl());
        var id = Guid.Parse(DrillUrl().Match(page.Url).Groups["id"].Value);

        var status = page.Locator("[data-test=drill-status]");
        await Assertions.Expect(status).ToHaveTextAsync("Running");
        await page.EvaluateAsync(WatchWaterfall);
        await Assertions.Expect(page.Locator("[data-test=waterfall] [data-test=segment]").First).ToBeVisibleAsync();
        await tab.StepShotAsync("11-drill-running");
        await Assertions.Expect(status).ToHaveTextAsync("Succeeded", new() { Timeout = 150_000 });
        await tab.StepShotAsync("12-drill-finished");

        // The same document saw it all (a reload would have dropped the recorder): a bar grew while the drill ran,
        // and every VM ended green with its four phases.
        var samples = (await page.EvaluateAsync<string[]>("() => window.journeySamples")).Select(Sample.Parse).ToList();
        Assert.Equal("Running", samples[0].Drill);
        var whileRunning = samples.Where(s => s.Drill == "Running").Select(s => s.Segments).Distinct().Count();
        Assert.True(whileRunning >= 2, "The bars did not grow while the drill ran:\n" + string.Join("\n", samples));
        Assert.Equal("Succeeded", samples[^1].Drill);
        Assert.Equal(Vms.Select(v => $"{v.Name}:Green:4"), samples[^1].Vms);
        return id;
    }

    /// <summary>Step 7: the report's three files come down through the browser, and Verify says they hold.</summary>
    private static async Task DownloadAndVerifyAsync(JourneyTab tab, Guid drill)
    {
        var page = tab.Page;
        await tab.GotoAsync("/reports");
        var row = page.Locator("tr", new() { Has = page.Locator($"a[href='/drills/{drill}']") });
        await Assertions.Expect(row).ToContainTextAsync("Passed");

        var pdf = await DownloadAsync(page, row.GetByRole(AriaRole.Link, new() { Name = "PDF" }));
        var manifestBytes = await DownloadAsync(page, row.GetByRole(AriaRole.Link, new() { Name = "manifest" }));
        var signature = JsonNode.Parse(await DownloadAsync(page, row.GetByRole(AriaRole.Link, new() { Name = "signature" })))!;
        Assert.Equal("%PDF"u8.ToArray(), pdf[..4]);
        var manifest = JsonNode.Parse(manifestBytes)!;
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(pdf)), manifest["pdf_sha256"]!.GetValue<string>());
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(manifestBytes)), signature["manifest_sha256"]!.GetValue<string>());

        await row.Locator("[data-test=verify]").ClickAsync();
        await Assertions.Expect(row.Locator("[data-test=verify-result]")).ToContainTextAsync("Verified: signature, hash and chain link are intact.");
        await tab.StepShotAsync("14-report-verified");
    }

    private static async Task<byte[]> DownloadAsync(IPage page, ILocator link)
    {
        var download = await page.RunAndWaitForDownloadAsync(() => link.ClickAsync());
        Assert.Null(await download.FailureAsync());
        return await File.ReadAllBytesAsync(await download.PathAsync());
    }

    private static Task PickAsync(IPage page, string label, string option) => PickAsync(page, page.GetByLabel(label, new() { Exact = true }), option);

    /// <summary>Opens a MudSelect and clicks the option holding <paramref name="option"/>.</summary>
    private static async Task PickAsync(IPage page, ILocator select, string option)
    {
        await select.ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item", new() { HasText = option }).ClickAsync();
    }

    [GeneratedRegex(@"/protection-groups/[0-9a-f-]{36}$")]
    private static partial Regex GroupUrl();

    [GeneratedRegex(@"/drills/(?<id>[0-9a-f-]{36})$")]
    private static partial Regex DrillUrl();

    /// <summary>One recorded state of the live page: the drill's status and, per VM, "name:status:segments".</summary>
    private sealed record Sample(string Drill, IReadOnlyList<string> Vms, int Segments)
    {
        public static Sample Parse(string text)
        {
            var (drill, vms) = (text.Split('|')[0], text.Split('|')[1].Split(',', StringSplitOptions.RemoveEmptyEntries));
            return new Sample(drill, vms, vms.Sum(v => int.Parse(v.Split(':')[2], System.Globalization.CultureInfo.InvariantCulture)));
        }

        public override string ToString() => $"{Drill}|{string.Join(",", Vms)}";
    }
}
