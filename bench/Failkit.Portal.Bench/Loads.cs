using System.Diagnostics;
using System.Globalization;
using Microsoft.Playwright;

namespace Failkit.Portal.Bench;

/// <summary>Milliseconds of several runs, printed as "median | min | max".</summary>
public sealed record Timings(IReadOnlyList<double> Values)
{
    public double Median => Values.Order().ElementAt(Values.Count / 2);

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Median:F0} | {Values.Min():F0} | {Values.Max():F0}");
}

/// <summary>Page loads timed from the navigation's start, after one warm-up load each (JIT, browser cache).</summary>
public static class Loads
{
    /// <summary>Until the portal's circuit has attached (the layout's marker says so) and <paramref name="rendered"/>
    /// holds: before that the prerendered page shows but its buttons do nothing.</summary>
    public static async Task<Timings> TimeAsync(IPage page, string path, string rendered, int runs)
    {
        var ready = $"() => document.querySelector('[data-test=circuit][data-interactive=true]') !== null && {rendered}";
        var values = new List<double>();
        for (var i = 0; i <= runs; i++)
        {
            await page.GotoAsync("about:blank");
            var clock = Stopwatch.StartNew();
            await page.GotoAsync(path, new() { WaitUntil = WaitUntilState.Commit });
            await page.WaitForFunctionAsync(ready, null, new() { PollingInterval = 10 });
            if (i > 0)
            {
                values.Add(clock.Elapsed.TotalMilliseconds);
            }
        }

        return new Timings(values);
    }

    /// <summary>Until the static page's load event.</summary>
    public static async Task<Timings> StaticAsync(IPage page, string path, int runs)
    {
        var values = new List<double>();
        for (var i = 0; i <= runs; i++)
        {
            await page.GotoAsync("about:blank");
            var clock = Stopwatch.StartNew();
            await page.GotoAsync(path);
            if (i > 0)
            {
                values.Add(clock.Elapsed.TotalMilliseconds);
            }
        }

        return new Timings(values);
    }
}
