using Microsoft.Playwright;

namespace Failkit.OperatorConsole.Tests;

/// <summary>A browser tab at 1280×800 signed in to the console through its real sign-in form with the operator client.
/// It records every console error, page error and ≥400 response, and saves screenshots into tests/artifacts/console.</summary>
public sealed class ConsoleSession : IAsyncDisposable
{
    private readonly IBrowserContext _context;
    private readonly List<string> _errors = [];

    private ConsoleSession(IBrowserContext context, IPage page)
    {
        _context = context;
        Page = page;
        page.Console += (_, m) =>
        {
            if (m.Type == "error")
            {
                Record($"{m.Text} ({m.Location})");
            }
        };
        page.Response += (_, r) =>
        {
            if (r.Status >= 400)
            {
                Record($"{r.Status} {r.Url}");
            }
        };
        page.PageError += (_, e) => Record(e);
    }

    public IPage Page { get; }

    /// <summary>A tab that has not signed in.</summary>
    public static async Task<ConsoleSession> AnonymousAsync(Browser browser, ConsolePlane plane)
    {
        var context = await browser.Chromium.NewContextAsync(new() { BaseURL = plane.Url.ToString(), ViewportSize = new() { Width = 1280, Height = 800 } });
        context.SetDefaultTimeout(30_000);
        return new ConsoleSession(context, await context.NewPageAsync());
    }

    /// <summary>A tab signed in with the operator client, on the tenants page.</summary>
    public static async Task<ConsoleSession> OpenAsync(Browser browser, ConsolePlane plane)
    {
        var tab = await AnonymousAsync(browser, plane);
        await tab.Page.GotoAsync("console/sign-in");
        var (id, secret) = plane.Operator;
        await tab.Page.GetByLabel("Client id").FillAsync(id);
        await tab.Page.GetByLabel("Client secret").FillAsync(secret);
        await tab.Page.Locator("[data-test=sign-in-submit]").ClickAsync();
        await tab.Page.WaitForURLAsync("**/console");
        await tab.WaitForCircuitAsync();
        return tab;
    }

    /// <summary>Opens <paramref name="path"/> and waits until the circuit is up (MudBlazor's interactive parts work).</summary>
    public async Task GotoAsync(string path)
    {
        await Page.GotoAsync(path);
        await WaitForCircuitAsync();
    }

    public async Task WaitForCircuitAsync()
    {
        try
        {
            // The prerendered page looks the same but its buttons do nothing until the circuit has attached.
            await Page.Locator("[data-test=circuit][data-interactive=true]").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        }
        catch (TimeoutException)
        {
            lock (_errors)
            {
                throw new TimeoutException($"{Page.Url} did not start its circuit. Errors: " + string.Join("\n", _errors));
            }
        }
    }

    /// <summary>The MudBlazor control around the input labelled <paramref name="label"/>: its error text shows there,
    /// next to the field.</summary>
    public ILocator Field(string label) => Page.Locator(".mud-input-control", new() { Has = Page.GetByLabel(label, new() { Exact = true }) });

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

    private void Record(string error)
    {
        lock (_errors)
        {
            _errors.Add(error);
        }
    }
}
