using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;

namespace Failkit.Studio.Tests;

/// <summary>A signed-in browser tab on the studio. It records Blazor's unhandled errors, because the Studio shows
/// them only as a red bar, and saves a screenshot per step into the artifacts folder.</summary>
public sealed class StudioSession : IAsyncDisposable
{
    private readonly IBrowserContext _context;
    private readonly string _test;
    private readonly List<string> _errors = [];
    private readonly List<string> _console = [];

    private StudioSession(IBrowserContext context, IPage page, string test)
    {
        _context = context;
        Page = page;
        _test = test;
        page.Console += (_, m) =>
        {
            lock (_console)
            {
                _console.Add($"{DateTime.UtcNow:HH:mm:ss.fff} {m.Type}: {m.Text}");
            }

            if (m.Text.Contains("Unhandled exception", StringComparison.Ordinal))
            {
                lock (_errors)
                {
                    _errors.Add(m.Text);
                }
            }
        };
    }

    public IPage Page { get; }

    public static async Task<StudioSession> OpenAsync(Browser browser, StudioHost host, string role, string test)
    {
        var context = await browser.Chromium.NewContextAsync(new()
        {
            BaseURL = host.Url.ToString(),
            ViewportSize = new() { Width = 1920, Height = 1080 },
        });
        context.SetDefaultTimeout(60_000);
        var page = await context.NewPageAsync();
        var response = await page.GotoAsync($"test/sign-in?role={role}");
        Assert.True(response?.Ok, "The test sign-in failed.");
        return new StudioSession(context, page, test);
    }

    public async Task GotoAsync(string path) => await Page.GotoAsync(path);

    /// <summary>A canvas node by activity id.</summary>
    public ILocator Node(string activityId) => Page.Locator($"g.x6-node[data-cell-id='{activityId}']");

    public ILocator Nodes => Page.Locator("g.x6-node");

    public async Task ShotAsync(string step) =>
        await Page.ScreenshotAsync(new() { Path = Path.Combine(Browser.Artifacts, $"{_test}-{step}.png") });

    /// <summary>No red error bar and no unhandled exception logged by the Blazor renderer.</summary>
    public async Task AssertHealthyAsync()
    {
        lock (_errors)
        {
            Assert.True(_errors.Count == 0, "The Studio logged unhandled errors:\n" + string.Join("\n", _errors));
        }

        Assert.False(await Page.Locator("#blazor-error-ui").IsVisibleAsync(), "Blazor's error bar is showing.");
    }

    public async Task<int> RenewalsAsync() => await Page.EvaluateAsync<int>("() => window.failkitStudio.renewals");

    public async ValueTask DisposeAsync()
    {
        lock (_console)
        {
            File.WriteAllLines(Path.Combine(Browser.Artifacts, $"{_test}-console.log"), _console);
        }

        await _context.DisposeAsync();
    }
}

/// <summary>Helpers over the Elsa API as a signed-in user sees it.</summary>
public static class Api
{
    public static async Task<JsonObject> GetObjectAsync(this HttpClient api, string url)
    {
        var response = await api.GetAsync(new Uri(url, UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET {url}: {(int)response.StatusCode} {body}");
        return JsonNode.Parse(body)!.AsObject();
    }

    public static async Task<HttpResponseMessage> PostObjectAsync(this HttpClient api, string url, JsonNode body) =>
        await api.PostAsJsonAsync(new Uri(url, UriKind.Relative), body);

    public static async Task<JsonArray> VersionsAsync(this HttpClient api, string definitionId) =>
        (await api.GetObjectAsync($"workflow-definitions?versionOptions=AllVersions&DefinitionIds={definitionId}&OrderBy=Version&OrderDirection=Ascending"))["items"]!.AsArray();

    /// <summary>Waits until <paramref name="condition"/> holds, polling every 200 ms.</summary>
    public static async Task EventuallyAsync(Func<Task<bool>> condition, string what, int seconds = 30)
    {
        var until = DateTime.UtcNow.AddSeconds(seconds);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < until, $"Timed out after {seconds} s waiting for: {what}");
            await Task.Delay(200);
        }
    }

    public static JsonObject Example() =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "definitions", "failkit-example.json")))!.AsObject();
}
