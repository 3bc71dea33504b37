using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Failkit.LocalPostgres;
using Microsoft.Playwright;
using Npgsql;

namespace Failkit.Studio.Bench;

/// <summary>Navigation → editor interactive (every node on the canvas and the palette rendered), for the built-in
/// runbook and a generated 200-activity one, after one warm-up load that fills the browser cache with the WASM.</summary>
public static class StudioBench
{
    private const int Runs = 3;

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
            for (var i = 0; i < 100 && !(await api.GetAsync(new Uri("workflow-definitions/by-definition-id/failkit-example", UriKind.Relative))).IsSuccessStatusCode; i++)
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
            await Interactive(page, "failkit-example", 7);

            Console.WriteLine($"Elsa Studio 3.8.2, editor load after a warm-up (WASM cached), {Runs} runs each; descriptors: {descriptorBytes:N0} bytes");
            Console.WriteLine($"{"runbook",-24} {"activities",10} {"min ms",8} {"median ms",10} {"max ms",8}");
            foreach (var (id, count) in new[] { ("failkit-example", 7), ("bench-200", 200) })
            {
                var times = new List<double>();
                for (var i = 0; i < Runs; i++)
                {
                    times.Add(await Interactive(page, id, count));
                }

                times.Sort();
                Console.WriteLine($"{id,-24} {count,10} {times[0],8:F0} {times[Runs / 2],10:F0} {times[^1],8:F0}");
            }
        }
        finally
        {
            await cluster.StopAsync();
        }
    }

    private static async Task<double> Interactive(IPage page, string definitionId, int nodes)
    {
        await page.GotoAsync("about:blank");
        var clock = Stopwatch.StartNew();
        await page.GotoAsync($"studio/definitions/{definitionId}");
        await page.WaitForFunctionAsync($"() => document.querySelectorAll('g.x6-node').length >= {nodes} && document.querySelector('div[draggable=true]') !== null",
            null, new() { PollingInterval = 20, Timeout = 120_000 });
        return clock.Elapsed.TotalMilliseconds;
    }

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
