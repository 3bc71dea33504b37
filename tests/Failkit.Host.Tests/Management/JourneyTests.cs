using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using MimeKit;
using Browser = Failkit.Testing.Browser.Browser;

namespace Failkit.Host.Tests.Management;

/// <summary>Issue 9's journey: a new owner follows the first-run checklist on the simulated cloud, on the real
/// platform as <c>./failkit up</c> runs it (the management process, its gateway, the onboarding workflow, the tenant
/// plane as a grandchild process, the mTLS agent listener, the outbox). The tenant is created through the platform API;
/// everything the owner does happens in the browser on the tenant's subdomain, except what the agent does on the servers.
/// It has its own management plane (the class fixture), so the demo drill of that plane runs next to it as it would.</summary>
public sealed partial class JourneyTests(ManagementPlaneFixture plane, Browser browser) : IClassFixture<ManagementPlaneFixture>, IClassFixture<Browser>
{
    private const string Password = "journey-owner-passphrase";

    /// <summary>The group's VMs in wave order, their size classes, and the disk the agent reports for each.</summary>
    private static readonly (string Name, string Size, string Disk)[] Vms =
        [("db", "large", "db-01/disk0"), ("app", "medium", "app-01/disk0"), ("web", "small", "web-01/disk0")];

    /// <summary>Each VM's disk image: small, so a full first sync takes moments.</summary>
    private const int DiskMib = 4;

    private static readonly string[] Steps = ["cloud-account", "agent", "protection-group", "drill"];

    [Fact]
    public async Task NewOwner_FollowsTheChecklist_FromTheBootstrapLinkToAVerifiedReport()
    {
        var slug = ("journey" + Guid.NewGuid().ToString("N"))[..14];
        var contact = $"owner@{slug}.example";
        var link = await OnboardAsync(slug, contact);
        await using var tab = await JourneyTab.OpenAsync(browser, new Uri(link.GetLeftPart(UriPartial.Authority)));

        await RedeemAsync(tab, link, contact);
        await ChecklistAsync(tab, "03-checklist-new", done: 0);
        await AddSimAccountAsync(tab);
        await ChecklistAsync(tab, "05-checklist-account", done: 1);
        await EnrollAgentAsync(tab);
        await CreateGroupAsync(tab);
        await ChecklistAsync(tab, "09-checklist-group", done: 3);
        var drill = await RunDrillAsync(tab);
        await ChecklistAsync(tab, "13-checklist-done", done: 4);
        await DownloadAndVerifyAsync(tab, drill);

        tab.AssertNoConsoleErrors();
    }

    /// <summary>Step 1: the operator creates the tenant; the onboarding workflow mails its owner a set-up link.</summary>
    private async Task<Uri> OnboardAsync(string slug, string contact)
    {
        var bearer = await plane.OperatorTokenAsync();
        using var created = await plane.SendAsync("localhost", HttpMethod.Post, "platform/tenants", bearer,
            JsonContent.Create(new { slug, tier = "Professional", contactEmail = contact }));
        Assert.Equal(HttpStatusCode.Accepted, created.StatusCode);
        JsonObject? tenant = null;
        await UntilAsync($"tenant {slug} onboarded", async () =>
        {
            using var status = await plane.SendAsync("localhost", HttpMethod.Get, $"platform/tenants/{slug}", bearer);
            tenant = await status.Content.ReadFromJsonAsync<JsonObject>();
            return (string?)tenant?["onboarding"]?["subStatus"] is "Finished" or "Faulted";
        });
        Assert.Equal("Finished", (string?)tenant!["onboarding"]!["subStatus"]);
        Assert.Equal("Active", (string?)tenant["status"]);

        var subject = $"Your Failkit tenant '{slug}' is ready";
        MimeMessage? mail = null;
        await UntilAsync("the bootstrap email in the outbox", async () => (mail = await FindMailAsync(subject)) is not null);
        Assert.Equal(contact, Assert.Single(mail!.To.Mailboxes).Address);
        var link = new Uri(Assert.Single(LinkPattern().Matches(mail.TextBody ?? "")).Value);
        Assert.Equal($"{slug}.localhost", link.Host);
        Assert.Equal(plane.Process.Config.PublicPort, link.Port);
        return link;
    }

    /// <summary>Step 2: the owner opens the link, sets a password and lands in the portal, signed in.</summary>
    private static async Task RedeemAsync(JourneyTab tab, Uri link, string contact)
    {
        var response = await tab.Page.GotoAsync(link.PathAndQuery);
        Assert.True(response?.Ok, $"the bootstrap link answered {response?.Status}");
        await tab.Page.GetByLabel("Email").FillAsync(contact);
        await tab.Page.GetByLabel("Password", new() { Exact = false }).FillAsync(Password);
        await tab.StepShotAsync("01-bootstrap");
        await tab.Page.GetByRole(AriaRole.Button, new() { Name = "Create owner" }).ClickAsync();
        await tab.Page.WaitForURLAsync(new Regex(@"^http://[^/]+/$"));
        await tab.WaitForCircuitAsync();
        await Assertions.Expect(tab.Page.Locator("[data-test=who]")).ToHaveTextAsync(contact);
        await Assertions.Expect(tab.Page.Locator("[data-test=role]")).ToHaveTextAsync("owner");
        await tab.StepShotAsync("02-portal");
    }

    /// <summary>The first-run checklist: the first <paramref name="done"/> steps are ticked, the others not.</summary>
    private static async Task ChecklistAsync(JourneyTab tab, string shot, int done)
    {
        await tab.GotoAsync("/getting-started");
        await Assertions.Expect(tab.Page.Locator("[data-test=checklist-count]")).ToHaveTextAsync($"{done}/4 done");
        for (var i = 0; i < Steps.Length; i++)
        {
            await Assertions.Expect(tab.Page.Locator($"[data-test=step-{Steps[i]}]")).ToHaveAttributeAsync("data-done", i < done ? "true" : "false");
        }

        await tab.StepShotAsync(shot);
    }

    /// <summary>Step 3: a Sim account through the cloud-accounts form, then "Test connection".</summary>
    private static async Task AddSimAccountAsync(JourneyTab tab)
    {
        await tab.Page.Locator("[data-test=go-cloud-account]").ClickAsync();
        await tab.Page.WaitForURLAsync("**/cloud-accounts");
        await tab.Page.GetByLabel("Account name").FillAsync("sim-journey");
        // The Sim cloud runs real-cloud latencies this much faster, so the drill takes seconds.
        await tab.Page.GetByLabel("Simulation time scale").FillAsync("0.01");
        await tab.Page.Locator("[data-test=save-account]").ClickAsync();
        var row = tab.Page.Locator("tr", new() { HasText = "sim-journey" });
        await Assertions.Expect(row).ToContainTextAsync("drill-net / drill-subnet");
        await row.Locator("[data-test=test-connection]").ClickAsync();
        await Assertions.Expect(row.Locator("[data-test=test-result]")).ToHaveAttributeAsync("data-ok", "true");
        await Assertions.Expect(row.Locator("[data-test=test-result]")).ToContainTextAsync("Connected");
        await tab.StepShotAsync("04-cloud-account");
    }

    /// <summary>Step 4: the checklist shows the enroll command with a fresh token; the real agent runs it (mTLS
    /// enrollment on the management plane's agent listener) and syncs each VM's disk, reporting a recovery point each.</summary>
    private async Task EnrollAgentAsync(JourneyTab tab)
    {
        await tab.Page.Locator("[data-test=mint-token]").ClickAsync();
        var command = tab.Page.Locator("[data-test=enroll-command]");
        await Assertions.Expect(command).ToContainTextAsync("--token ");
        await tab.StepShotAsync("06-enroll-command");
        var text = (await command.InnerTextAsync()).Trim();
        Assert.StartsWith("./failkit agent enroll --url ", text, StringComparison.Ordinal);
        List<string> args = [.. text["./failkit agent ".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries)];
        var agent = plane.Process.State["agent"]!;
        Assert.Equal(agent["url"]!.GetValue<string>(), args[args.IndexOf("--url") + 1]);
        Assert.Matches("^[A-Za-z0-9_-]{20,}$", args[args.IndexOf("--token") + 1]);
        if (!args.Contains("--server-ca"))
        {
            // The embedded listener's certificate is self-signed; ./failkit up prints where it is for --server-ca.
            args.AddRange(["--server-ca", agent["serverCa"]!.GetValue<string>()]);
        }

        using (var enrolled = new JourneyAgent())
        {
            await enrolled.EnrollAsync(args);
            foreach (var (_, _, disk) in Vms)
            {
                await enrolled.ProtectAsync(disk, DiskMib);
            }

            await enrolled.SyncAsync();
        }

        // The management plane forwards each report to the tenant's plane; the tick appears once one has arrived.
        await UntilAsync("the agent step ticked", async () =>
        {
            await tab.GotoAsync("/getting-started");
            return await tab.Page.Locator("[data-test=step-agent]").GetAttributeAsync("data-done") == "true";
        });
        await ChecklistAsync(tab, "07-checklist-agent", done: 2);
    }

    private async Task<MimeMessage?> FindMailAsync(string subject)
    {
        var outbox = Path.Combine(plane.Process.Config.StateDirectory, "outbox");
        foreach (var file in Directory.Exists(outbox) ? Directory.GetFiles(outbox, "*.eml") : [])
        {
            var message = await MimeMessage.LoadAsync(file, TestContext.Current.CancellationToken);
            if (message.Subject == subject)
            {
                return message;
            }
        }

        return null;
    }

    /// <summary>Waits for something outside the test's control (a workflow, a forwarded report); no timing is asserted.</summary>
    private static async Task UntilAsync(string what, Func<Task<bool>> condition)
    {
        for (var deadline = DateTime.UtcNow.AddSeconds(120); !await condition(); await Task.Delay(250))
        {
            Assert.True(DateTime.UtcNow < deadline, $"Still waiting for {what} after 120 s.");
        }
    }

    [GeneratedRegex(@"http://\S+/bootstrap\?token=\S+")]
    private static partial Regex LinkPattern();
}
