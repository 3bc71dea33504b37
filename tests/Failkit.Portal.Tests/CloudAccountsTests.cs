using System.Text.Json.Nodes;
using Failkit.Drills;
using Failkit.Drills.Cloud;
using Microsoft.Playwright;

namespace Failkit.Portal.Tests;

/// <summary>The cloud accounts page: add an account through the form, then "Test connection" makes a read call
/// through its provider and says plainly whether the cloud answered.</summary>
public sealed class CloudAccountsTests(PortalHost host, Browser browser)
{
    [Fact]
    public async Task SimAccount_AddedThroughTheForm_TestsConnected()
    {
        var name = $"sim-{Guid.NewGuid():N}"[..12];
        await using var tab = await PortalSession.OpenAsync(browser, host, "admin");
        await tab.GotoAsync("/cloud-accounts");
        await tab.Page.GetByLabel("Account name").FillAsync(name);
        // The provider's own check answers next to the form: Sim refuses a time scale of 0.
        await tab.Page.GetByLabel("Simulation time scale", new() { Exact = false }).FillAsync("0");
        await tab.Page.Locator("[data-test=save-account]").ClickAsync();
        await Assertions.Expect(tab.Page.Locator("[data-test=credentials-error]")).ToContainTextAsync("timeScale");

        await tab.Page.GetByLabel("Simulation time scale", new() { Exact = false }).FillAsync("0.01");
        await tab.Page.Locator("[data-test=save-account]").ClickAsync();
        var row = tab.Page.Locator("tr", new() { HasText = name });
        await Assertions.Expect(row).ToContainTextAsync("drill-net / drill-subnet");
        Assert.Contains(await host.Get<CloudAccountStore>().ListAsync(CancellationToken.None), a => a.Name == name && a.Kind == CloudKind.Sim);

        await row.Locator("[data-test=test-connection]").ClickAsync();
        var result = row.Locator("[data-test=test-result]");
        await Assertions.Expect(result).ToHaveAttributeAsync("data-ok", "true");
        await Assertions.Expect(result).ToContainTextAsync("The simulated cloud answered");
        await tab.ShotAsync("cloud-accounts");
        tab.AssertNoConsoleErrors();
    }

    [Fact]
    public async Task UnreachableAccount_TestConnection_ShowsTheError()
    {
        // An AWS account whose endpoints point at a closed loopback port: the read call cannot reach a cloud.
        var account = await host.Get<CloudAccountStore>().CreateAsync(new CloudAccountInput($"aws-{Guid.NewGuid():N}"[..12], CloudKind.Aws, "eu-west-1",
            new DrillNetwork("vpc-0abc", "subnet-0abc", "sg-0abc"), new Dictionary<string, string> { ["small"] = "t3.small" }, null,
            new JsonObject
            {
                ["roleArn"] = "arn:aws:iam::123456789012:role/failkit-drills",
                ["endpoints"] = new JsonObject { ["ec2"] = "http://127.0.0.1:9/", ["sts"] = "http://127.0.0.1:9/", ["ebs"] = "http://127.0.0.1:9/", ["ssm"] = "http://127.0.0.1:9/" },
            },
            new JsonObject { ["externalId"] = "ext-1" }), CancellationToken.None);
        await using var tab = await PortalSession.OpenAsync(browser, host, "operator");
        await tab.GotoAsync("/cloud-accounts");
        var row = tab.Page.Locator("tr", new() { HasText = account.Name });
        // An operator tests connections but does not add or delete accounts.
        await Assertions.Expect(tab.Page.Locator("[data-test=add-account]")).ToHaveCountAsync(0);
        await Assertions.Expect(row.Locator("[data-test=delete-account]")).ToHaveCountAsync(0);

        await row.Locator("[data-test=test-connection]").ClickAsync();
        var result = row.Locator("[data-test=test-result]");
        await Assertions.Expect(result).ToHaveAttributeAsync("data-ok", "false", new() { Timeout = 60_000 });
        await Assertions.Expect(result).ToContainTextAsync("Failed:");
        await Assertions.Expect(result).Not.ToContainTextAsync(" at Failkit.");
        await tab.ShotAsync("cloud-accounts-failed");
        tab.AssertNoConsoleErrors();
    }
}
