using Microsoft.Playwright;

namespace Failkit.Portal.Tests;

/// <summary>A signed-in browser tab at 1280×800. It records every console error and page error, and saves screenshots
/// into tests/artifacts/portal.</summary>
public sealed partial class PortalSession : IAsyncDisposable
{
    private readonly IBrowserContext _context;
    private readonly List<string> _errors = [];

    private PortalSession(IBrowserContext context, IPage page)
    {
        _context = context;
        Page = page;
        page.Console += (_, m) =>
        {
            if (m.Type == "error")
            {
                lock (_errors)
                {
                    _errors.Add($"{m.Text} ({m.Location})");
                }
            }
        };
        page.Response += (_, r) =>
        {
            if (r.Status >= 400)
            {
                lock (_errors)
                {
                    _errors.Add($"{r.Status} {r.Url}");
                }
            }
        };
        page.PageError += (_, e) =>
        {
            lock (_errors)
            {
                _errors.Add(e);
            }
        };
    }

    public IPage Page { get; }

    public static async Task<PortalSession> OpenAsync(Browser browser, PortalHost host, string role)
    {
        var context = await browser.Chromium.NewContextAsync(new() { BaseURL = host.Url.ToString(), ViewportSize = new() { Width = 1280, Height = 800 } });
        context.SetDefaultTimeout(30_000);
        var page = await context.NewPageAsync();
        var response = await page.GotoAsync($"test/sign-in?role={role}");
        Assert.True(response?.Ok, "The test sign-in failed.");
        return new PortalSession(context, page);
    }

    /// <summary>Opens <paramref name="path"/> and waits until the circuit is up (MudBlazor's interactive parts work).</summary>
    public async Task GotoAsync(string path)
    {
        await Page.GotoAsync(path);
        try
        {
            // The prerendered page looks the same but its buttons do nothing until the circuit has attached.
            await Page.Locator("[data-test=circuit][data-interactive=true]").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        }
        catch (TimeoutException)
        {
            await File.WriteAllTextAsync(Path.Combine(Browser.Artifacts, "failed-page.html"), await Page.ContentAsync());
            lock (_errors)
            {
                throw new TimeoutException($"{path} did not start its circuit. Errors: " + string.Join("\n", _errors));
            }
        }
    }

    public async Task ShotAsync(string name) =>
        await Page.ScreenshotAsync(new() { Path = Path.Combine(Browser.Artifacts, $"{name}.png"), FullPage = false });

    public void AssertNoConsoleErrors()
    {
        lock (_errors)
        {
            Assert.True(_errors.Count == 0, "Console errors:\n" + string.Join("\n", _errors));
        }
    }

    public async ValueTask DisposeAsync() => await _context.DisposeAsync();
}
