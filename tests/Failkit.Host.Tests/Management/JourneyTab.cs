using Microsoft.Playwright;

namespace Failkit.Host.Tests.Management;

/// <summary>The new owner's browser tab at 1280×800 on the tenant's own subdomain, through the gateway. It records
/// console errors, page errors and ≥400 responses (except the statuses a step says it provokes), and keeps one
/// screenshot per step in tests/artifacts/journey.</summary>
public sealed class JourneyTab : IAsyncDisposable
{
    public static readonly string Artifacts = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../artifacts/journey"));

    private readonly IBrowserContext _context;
    private readonly List<string> _errors = [];
    private readonly HashSet<int> _expected = [];

    private JourneyTab(IBrowserContext context, IPage page)
    {
        _context = context;
        Page = page;
        page.Console += (_, m) => Record(m.Type == "error" && !IsExpected(m.Text) ? $"{m.Text} ({m.Location})" : null);
        page.PageError += (_, e) => Record(e);
        page.Response += (_, r) => Record(r.Status >= 400 && !_expected.Contains(r.Status) ? $"{r.Status} {r.Url}" : null);
    }

    public IPage Page { get; }

    public static async Task<JourneyTab> OpenAsync(IBrowser browser, Uri tenantUrl)
    {
        Directory.CreateDirectory(Artifacts);
        var context = await browser.NewContextAsync(new()
        {
            BaseURL = tenantUrl.ToString(),
            ViewportSize = new() { Width = 1280, Height = 800 },
            AcceptDownloads = true,
        });
        // The tenant plane runs as a grandchild process on two shared cores: its first circuit can take a while.
        context.SetDefaultTimeout(60_000);
        return new JourneyTab(context, await context.NewPageAsync());
    }

    /// <summary>Opens a portal page and waits until its circuit is up (its buttons work only then).</summary>
    public async Task GotoAsync(string path)
    {
        var response = await Page.GotoAsync(path);
        Assert.True(response?.Ok, $"{path} answered {response?.Status}");
        await WaitForCircuitAsync();
    }

    public Task WaitForCircuitAsync() =>
        Page.Locator("[data-test=circuit][data-interactive=true]").WaitForAsync(new() { State = WaitForSelectorState.Attached });

    /// <summary>Lets a refusal the step provokes through.</summary>
    public void Expect(int status) => _expected.Add(status);

    public async Task ShotAsync(string step) =>
        await Page.ScreenshotAsync(new() { Path = Path.Combine(Artifacts, $"{step}.png") });

    public void AssertNoConsoleErrors()
    {
        lock (_errors)
        {
            Assert.True(_errors.Count == 0, "Console errors:\n" + string.Join("\n", _errors));
        }
    }

    public async ValueTask DisposeAsync() => await _context.DisposeAsync();

    /// <summary>Chromium also logs each ≥400 response to the console; an expected one is no error.</summary>
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
