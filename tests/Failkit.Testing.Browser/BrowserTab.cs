using Microsoft.Playwright;
using Xunit;

namespace Failkit.Testing.Browser;

/// <summary>A browser tab that fails its test on what a user would see go wrong: console errors, uncaught page errors
/// and ≥400 responses, except the statuses the test says it provokes. It keeps screenshots in
/// <see cref="Browser.Artifacts"/>.</summary>
public class BrowserTab : IAsyncDisposable
{
    private readonly IBrowserContext _context;
    private readonly List<string> _errors = [];
    private readonly HashSet<int> _expected = [];

    protected BrowserTab(IBrowserContext context, IPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        _context = context;
        Page = page;
        page.Console += (_, m) => Record(m.Type == "error" && !IsExpected(m.Text) ? $"{m.Text} ({m.Location})" : null);
        page.PageError += (_, e) => Record(e);
        page.Response += (_, r) => Record(r.Status >= 400 && !_expected.Contains(r.Status) ? $"{r.Status} {r.Url}" : null);
    }

    public IPage Page { get; }

    public static async Task<BrowserTab> OpenAsync(Browser browser, Uri baseUrl)
    {
        ArgumentNullException.ThrowIfNull(browser);
        var context = await browser.NewContextAsync(baseUrl);
        return new BrowserTab(context, await context.NewPageAsync());
    }

    /// <summary>Lets a refusal the test provokes through (a refused password is a 401).</summary>
    public void Expect(int status) => _expected.Add(status);

    /// <summary>Opens <paramref name="path"/> and waits until the Blazor circuit is up.</summary>
    public async Task GotoAsync(string path)
    {
        await Page.GotoAsync(path);
        await WaitForCircuitAsync();
    }

    /// <summary>The prerendered page looks the same as the live one, but its buttons do nothing until the circuit has
    /// attached; the layouts mark that moment with <c>data-test=circuit data-interactive=true</c>.</summary>
    public async Task WaitForCircuitAsync()
    {
        try
        {
            await Page.Locator("[data-test=circuit][data-interactive=true]").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        }
        catch (TimeoutException)
        {
            await File.WriteAllTextAsync(Path.Combine(Browser.Artifacts, "failed-page.html"), await Page.ContentAsync());
            throw new TimeoutException($"{Page.Url} did not start its circuit. Errors: " + string.Join("\n", Errors()));
        }
    }

    /// <summary>The MudBlazor control around the input labelled <paramref name="label"/>: its error text shows there,
    /// next to the field.</summary>
    public ILocator Field(string label) => Page.Locator(".mud-input-control", new() { Has = Page.GetByLabel(label, new() { Exact = true }) });

    public async Task ShotAsync(string name) =>
        await Page.ScreenshotAsync(new() { Path = Path.Combine(Browser.Artifacts, $"{name}.png"), FullPage = false });

    public void AssertNoConsoleErrors()
    {
        var errors = Errors();
        Assert.True(errors.Count == 0, "Console errors:\n" + string.Join("\n", errors));
    }

    public async ValueTask DisposeAsync()
    {
        await _context.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    private List<string> Errors()
    {
        lock (_errors)
        {
            return [.. _errors];
        }
    }

    /// <summary>Chromium also logs each ≥400 document response to the console; an expected one is no error.</summary>
    private bool IsExpected(string text)
    {
        const string prefix = "Failed to load resource: the server responded with a status of ";
        return text.StartsWith(prefix, StringComparison.Ordinal) && int.TryParse(text.AsSpan(prefix.Length, 3), out var status) && _expected.Contains(status);
    }

    private void Record(string? error)
    {
        if (error is not null)
        {
            lock (_errors)
            {
                _errors.Add(error);
            }
        }
    }
}
