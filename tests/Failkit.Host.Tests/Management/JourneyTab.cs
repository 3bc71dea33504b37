using Failkit.Testing.Browser;
using Microsoft.Playwright;
using Browser = Failkit.Testing.Browser.Browser;

namespace Failkit.Host.Tests.Management;

/// <summary>The new owner's tab on the tenant's own subdomain, through the gateway: the shared <see cref="BrowserTab"/>
/// (it fails on console errors, page errors and ≥400 responses), with the journey's step screenshots kept in
/// tests/artifacts/journey.</summary>
public sealed class JourneyTab : BrowserTab
{
    public static readonly string Artifacts = Path.Combine(Path.GetDirectoryName(Browser.Artifacts)!, "journey");

    private JourneyTab(IBrowserContext context, IPage page)
        : base(context, page)
    {
    }

    /// <summary>Like <see cref="BrowserTab.OpenAsync"/>, with a longer default timeout.</summary>
    public static new async Task<JourneyTab> OpenAsync(Browser browser, Uri tenantUrl)
    {
        ArgumentNullException.ThrowIfNull(browser);
        Directory.CreateDirectory(Artifacts);
        var context = await browser.NewContextAsync(tenantUrl);
        // The tenant plane is a grandchild process on two shared cores: its first circuit can take a while.
        context.SetDefaultTimeout(60_000);
        return new JourneyTab(context, await context.NewPageAsync());
    }

    /// <summary>A 1280×800 screenshot of the step, tests/artifacts/journey/<paramref name="step"/>.png.</summary>
    public async Task StepShotAsync(string step) =>
        await Page.ScreenshotAsync(new() { Path = Path.Combine(Artifacts, $"{step}.png") });
}
