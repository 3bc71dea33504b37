using System.Diagnostics;
using Failkit.Drills;
using Failkit.LocalPostgres;
using Failkit.Tenancy;
using Microsoft.Playwright;
using Npgsql;

namespace Failkit.Portal.Bench;

// (a) Dashboard time to interactive with 50 groups and 1,000 past drills, against a near-empty portal page (same
// circuit, no data) and the static sign-in page, measured in the same run; (b) a VM status written in the store →
// the live drill page showing it, against a bare browser round trip. Never in CI. From the repository root:
//   dotnet build -c Release bench/Failkit.Portal.Bench && dotnet bench/Failkit.Portal.Bench/bin/Release/net10.0/Failkit.Portal.Bench.dll [groups] [drills] [runs]
public static class PortalBench
{
    public static async Task Main(string[] args)
    {
        var groups = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 50;
        var drills = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 1000;
        var runs = args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 7;
        var loadStart = File.ReadAllText("/proc/loadavg").Split(' ')[..3];
        var cluster = await LocalCluster.StartThrowawayAsync();
        try
        {
            await using (var conn = new NpgsqlConnection(cluster.ConnectionString()))
            {
                await conn.OpenAsync();
                await new NpgsqlCommand("CREATE DATABASE portal_bench", conn).ExecuteNonQueryAsync();
            }

            var connectionString = TenantConnectionStrings.Scope(cluster.ConnectionString("portal_bench"), TenantSlug.Parse("bench"));
            await using var host = new BenchHost(connectionString, "bench");
            var seeding = Stopwatch.StartNew();
            var seeded = await Seed.TenantAsync(host, groups, drills);
            Console.Error.WriteLine($"seeded {groups} groups and {drills} drills in {seeding.Elapsed.TotalSeconds:F1} s");

            using var playwright = await Playwright.CreateAsync();
            await using var browser = await playwright.Chromium.LaunchAsync(new()
            {
                ExecutablePath = "/usr/bin/chromium",
                Headless = true,
                Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
            });
            var context = await browser.NewContextAsync(new() { BaseURL = host.Url.ToString(), ViewportSize = new() { Width = 1280, Height = 800 } });
            context.SetDefaultTimeout(60_000);
            var page = await context.NewPageAsync();
            await page.GotoAsync("bench/sign-in");

            var dashboard = await Loads.TimeAsync(page, "/", $"document.querySelectorAll('[data-test=groups] tbody tr').length >= {groups}", runs);
            var empty = await Loads.TimeAsync(page, "/getting-started", "document.querySelector('[data-test=checklist]') !== null", runs);
            var login = await Loads.StaticAsync(page, "/login", runs);
            var (grouped, perGroup) = await Queries.TimeAsync(host, runs);

            var running = Seed.Running(seeded[0], DateTimeOffset.UtcNow);
            await host.Get<DrillStore>().CreateAsync(running, CancellationToken.None);
            var live = await Live.LatencyAsync(page, host.Get<DrillStore>(), running, runs * 3);
            var roundTrip = await Live.RoundTripAsync(page, runs * 3);

            var w = Console.Out;
            w.WriteLine("| measure | median ms | min | max | ratio to peer | target |");
            w.WriteLine("|---|---|---|---|---|---|");
            w.WriteLine($"| (a) dashboard, {groups} groups / {drills} drills: navigation → circuit interactive + table rendered | {dashboard} | {dashboard.Median / empty.Median:F2}× /getting-started | < 1000 ms |");
            w.WriteLine($"| peer: /getting-started (same circuit, 4 count queries) | {empty} | 1.00× | — |");
            w.WriteLine($"| peer: /login (static HTML, no circuit) | {login} | {login.Median / empty.Median:F2}× /getting-started | — |");
            w.WriteLine($"| dashboard data in-process: DashboardQuery (3 queries) | {grouped} | {grouped.Median / perGroup.Median:F2}× per-group | — |");
            w.WriteLine($"| peer: the replaced shape (2 queries per group) | {perGroup} | 1.00× | — |");
            w.WriteLine($"| (b) VM status written in DrillStore → live drill page shows it | {live} | {live.Median / roundTrip.Median:F1}× round trip | < 500 ms |");
            w.WriteLine($"| peer: browser round trip (Playwright evaluate) | {roundTrip} | 1.0× | — |");
            w.WriteLine($"| load average 1/5/15 at start / end | {string.Join(' ', loadStart)} / {string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ')[..3])} | | | | |");
        }
        finally
        {
            await cluster.StopAsync();
        }
    }
}
