using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Failkit.LocalPostgres;
using Microsoft.Playwright;
using Npgsql;

namespace Failkit.Studio.Bench;

/// <summary>Navigation → editor interactive (every node on the canvas and the palette rendered), for the built-in
/// drill runbook and a generated 200-activity one, after one warm-up load that fills the browser cache with the WASM.
/// The browser's resource timings split each load into the WASM's start-up (until its first API call), our API
/// (first call to last response) and the WASM's rendering after the last response.</summary>
public static class StudioBench
{
    private const int Runs = 3;

    /// <summary>Top-level activities of <c>workflows/definitions/drill-runbook.json</c> (the wave loop's body is drawn
    /// only when opened).</summary>
    private const int DrillRunbookNodes = 10;

    private const string ApiTimings = """
        () => {
          const api = performance.getEntriesByType('resource').filter(e => e.name.includes('/elsa/api/'));
          const descriptors = api.filter(e => e.name.includes('/descriptors/activities'));
          return [Math.min(...api.map(e => e.startTime)), Math.max(...api.map(e => e.responseEnd)), api.length,
                  descriptors.length ? Math.max(...descriptors.map(e => e.duration)) : -1, api.reduce((t, e) => t + e.duration, 0)];
        }
        """;

    public static async Task Main()
    {
        var cluster = await LocalCluster.StartThrowawayAsync();
        try
        {
            await using (var conn = new NpgsqlConnection(cluster.ConnectionString()))
            {
                await conn.OpenAsync();
                await new NpgsqlCommand("CREATE DATABASE studio_bench", conn).ExecuteNonQueryAsync();
            }

            await using var host = new BenchHost(new NpgsqlConnectionStringBuilder(cluster.ConnectionString()) { Database = "studio_bench" }.ConnectionString);
            using var api = await host.ApiAsync();
            for (var i = 0; i < 100 && !(await api.GetAsync(new Uri("workflow-definitions/by-definition-id/drill-runbook", UriKind.Relative))).IsSuccessStatusCode; i++)
            {
                await Task.Delay(100);
            }

            (await api.PostAsJsonAsync(new Uri("workflow-definitions", UriKind.Relative), new JsonObject { ["model"] = Generated(200), ["publish"] = true })).EnsureSuccessStatusCode();
            var descriptorBytes = (await api.GetByteArrayAsync(new Uri("descriptors/activities", UriKind.Relative))).Length;

            using var playwright = await Playwright.CreateAsync();
            await using var browser = await playwright.Chromium.LaunchAsync(new()
            {
                ExecutablePath = "/usr/bin/chromium",
                Headless = true,
                Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
            });
            var context = await browser.NewContextAsync(new() { BaseURL = host.Url.ToString(), ViewportSize = new() { Width = 1920, Height = 1080 } });
            context.SetDefaultTimeout(120_000);
            var page = await context.NewPageAsync();
            await page.GotoAsync("bench/sign-in");
            await Interactive(page, "drill-runbook", DrillRunbookNodes);

            Console.WriteLine($"Elsa Studio 3.8.2, editor load after a warm-up (WASM cached), {Runs} runs each; descriptors: {descriptorBytes:N0} bytes");
            Console.WriteLine("median of each column; boot = navigation to the first API call, window = first call to last response, " +
                "busy = sum of the API calls' durations, descr. = the descriptor call, render = last response to interactive");
            Console.WriteLine($"{"runbook",-16} {"nodes",6} {"min ms",7} {"median",7} {"max",7} {"boot",6} {"window",6} {"busy",5} {"calls",5} {"descr.",6} {"render",7}");
            foreach (var (id, count) in new[] { ("drill-runbook", DrillRunbookNodes), ("bench-200", 200) })
            {
                var loads = new List<Load>();
                for (var i = 0; i < Runs; i++)
                {
                    loads.Add(await Interactive(page, id, count));
                }

                var total = loads.Select(l => l.Total).Order().ToList();
                Console.WriteLine($"{id,-16} {count,6} {total[0],7:F0} {total[Runs / 2],7:F0} {total[^1],7:F0} {Median(loads, l => l.FirstCall),6:F0} " +
                    $"{Median(loads, l => l.LastResponse - l.FirstCall),6:F0} {Median(loads, l => l.Busy),5:F0} {Median(loads, l => l.Calls),5:F0} {Median(loads, l => l.Descriptors),6:F0} " +
                    $"{Median(loads, l => l.Total - l.LastResponse),7:F0}");
            }
        }
        finally
        {
            await cluster.StopAsync();
        }
    }

    private static async Task<Load> Interactive(IPage page, string definitionId, int nodes)
    {
        await page.GotoAsync("about:blank");
        var clock = Stopwatch.StartNew();
        await page.GotoAsync($"studio/definitions/{definitionId}");
        await page.WaitForFunctionAsync($"() => document.querySelectorAll('g.x6-node').length >= {nodes} && document.querySelector('div[draggable=true]') !== null",
            null, new() { PollingInterval = 20, Timeout = 120_000 });
        var total = clock.Elapsed.TotalMilliseconds;
        var t = await page.EvaluateAsync<double[]>(ApiTimings);
        return new Load(total, t[0], t[1], t[2], t[3], t[4]);
    }

    private static double Median(List<Load> loads, Func<Load, double> of) => loads.Select(of).Order().ElementAt(loads.Count / 2);

    /// <summary>Milliseconds; API times are the browser's, relative to the navigation's start.</summary>
    private sealed record Load(double Total, double FirstCall, double LastResponse, double Calls, double Descriptors, double Busy);

    private static JsonObject Generated(int count)
    {
        var activities = new JsonArray();
        var connections = new JsonArray();
        for (var i = 0; i < count; i++)
        {
            activities.Add(new JsonObject
            {
                ["id"] = $"a{i}",
                ["type"] = i == 0 ? "Elsa.Start" : "Elsa.WriteLine",
                ["version"] = 1,
                ["name"] = i == 0 ? "Start" : $"Step {i}",
                ["metadata"] = new JsonObject { ["designer"] = new JsonObject { ["position"] = new JsonObject { ["x"] = i % 10 * 240, ["y"] = i / 10 * 120 } } },
            });
            if (i > 0)
            {
                activities[i]!["text"] = new JsonObject { ["typeName"] = "String", ["expression"] = new JsonObject { ["type"] = "Literal", ["value"] = $"step {i}" } };
                connections.Add(new JsonObject
                {
                    ["source"] = new JsonObject { ["activity"] = $"a{i - 1}", ["port"] = "Done" },
                    ["target"] = new JsonObject { ["activity"] = $"a{i}", ["port"] = "In" },
                    ["vertices"] = new JsonArray(),
                });
            }
        }

        return new JsonObject
        {
            ["definitionId"] = "bench-200",
            ["name"] = "Generated 200-activity runbook",
            ["root"] = new JsonObject { ["type"] = "Elsa.Flowchart", ["version"] = 1, ["id"] = "flow", ["activities"] = activities, ["connections"] = connections },
        };
    }
}
