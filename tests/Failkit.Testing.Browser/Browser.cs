using Microsoft.Playwright;
using Xunit;

namespace Failkit.Testing.Browser;

/// <summary>One headless Debian Chromium for every browser test of a test project; Playwright drives it and downloads
/// nothing. Screenshots and logs go to tests/artifacts/&lt;project&gt;, e.g. tests/artifacts/portal for
/// Failkit.Portal.Tests.</summary>
public sealed class Browser : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    public static readonly string Artifacts = ArtifactsFolder();

    private IPlaywright? _playwright;

    public IBrowser Chromium { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException(
                $"{ChromiumPath} is missing. Install Debian's Chromium: sudo apt-get install -y chromium (./failkit test does this when run as root).");
        }

        Directory.CreateDirectory(Artifacts);
        _playwright = await Playwright.CreateAsync();
        Chromium = await _playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
        });
    }

    /// <summary>A fresh context (its own cookies) on <paramref name="baseUrl"/>, 1280×800 unless told otherwise.</summary>
    public async Task<IBrowserContext> NewContextAsync(Uri baseUrl, int width = 1280, int height = 800, IDictionary<string, string>? headers = null)
    {
        var options = new BrowserNewContextOptions { BaseURL = baseUrl.ToString(), ViewportSize = new() { Width = width, Height = height } };
        if (headers is not null)
        {
            options.ExtraHTTPHeaders = headers;
        }

        var context = await Chromium.NewContextAsync(options);
        context.SetDefaultTimeout(30_000);
        return context;
    }

    public async ValueTask DisposeAsync()
    {
        if (Chromium is not null)
        {
            await Chromium.DisposeAsync();
        }

        _playwright?.Dispose();
    }

    /// <summary>The test binary runs from tests/&lt;Project&gt;/bin/&lt;config&gt;/&lt;tfm&gt;/.</summary>
    private static string ArtifactsFolder()
    {
        var project = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Parent!.Parent!;
        var name = project.Name.Replace("Failkit.", "", StringComparison.Ordinal).Replace(".Tests", "", StringComparison.Ordinal);
        return Path.Combine(project.Parent!.FullName, "artifacts", name.ToLowerInvariant());
    }
}
