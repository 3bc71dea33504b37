using Microsoft.Playwright;

namespace Failkit.Portal.Tests;

/// <summary>An anonymous tab at 1280×800 for the sign-in pages. Like <see cref="PortalSession"/> it fails on console
/// and page errors and on ≥400 responses, except the statuses a test says it expects (a refused password is a 401).</summary>
public sealed class SignInTab : IAsyncDisposable
{
    private readonly IBrowserContext _context;
    private readonly List<string> _errors = [];
    private readonly HashSet<int> _expected = [];

    private SignInTab(IBrowserContext context, IPage page)
    {
        _context = context;
        Page = page;
        page.Console += (_, m) => Record(m.Type == "error" && !IsExpected(m.Text) ? $"{m.Text} ({m.Location})" : null);
        page.PageError += (_, e) => Record(e);
        page.Response += (_, r) => Record(r.Status >= 400 && !_expected.Contains(r.Status) ? $"{r.Status} {r.Url}" : null);
    }

    public IPage Page { get; }

    public static async Task<SignInTab> OpenAsync(Browser browser, Uri baseUrl)
    {
        var context = await browser.Chromium.NewContextAsync(new() { BaseURL = baseUrl.ToString(), ViewportSize = new() { Width = 1280, Height = 800 } });
        context.SetDefaultTimeout(30_000);
        return new SignInTab(context, await context.NewPageAsync());
    }

    /// <summary>Lets a refusal the test provokes through (the page answers 400/401 with the form and its error).</summary>
    public void Expect(int status) => _expected.Add(status);

    /// <summary>Waits until a portal page has its live circuit (see <see cref="PortalSession.GotoAsync"/>).</summary>
    public Task WaitForPortalAsync() =>
        Page.Locator("[data-test=circuit][data-interactive=true]").WaitForAsync(new() { State = WaitForSelectorState.Attached });

    public async Task ShotAsync(string name) =>
        await Page.ScreenshotAsync(new() { Path = Path.Combine(Browser.Artifacts, $"{name}.png") });

    public void AssertNoConsoleErrors()
    {
        lock (_errors)
        {
            Assert.True(_errors.Count == 0, "Console errors:\n" + string.Join("\n", _errors));
        }
    }

    public async ValueTask DisposeAsync() => await _context.DisposeAsync();

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
