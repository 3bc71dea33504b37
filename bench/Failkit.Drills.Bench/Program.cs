using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Failkit.Activities.Sim;
using Failkit.Drills;

namespace Failkit.Drills.Bench;

// A 500-VM drill on Sim through the real tenant plane (POST /api/drills, the built-in runbook), against the floor the
// sim's own parameters give for the same wave plan. Run from the repository root (see bench/README.md):
//   dotnet build -c Release bench/Failkit.Drills.Bench && dotnet bench/Failkit.Drills.Bench/bin/Release/net10.0/Failkit.Drills.Bench.dll [flags]
public static class DrillsBench
{
    public static async Task Main(string[] args)
    {
        var options = BenchOptions.Parse(args);
        var loadAtStart = File.ReadAllText("/proc/loadavg").Split(' ')[..3];
        Console.Error.WriteLine($"starting the tenant plane ({options})");
        await using var plane = await BenchPlane.StartAsync(options);
        using var client = await plane.ApiClientAsync();

        if (options.WarmUp)
        {
            // JIT, connection pools and the runbook's graph cache, so the measured drill does not pay for them.
            var small = options with { Vms = 20, Waves = 2 };
            var (warmAccount, _) = await plane.SimAccountAsync(small);
            Console.Error.WriteLine("warm-up drill: 20 VMs in 2 waves");
            await RunDrillAsync(client, await plane.GroupAsync(warmAccount, small.Plan()), TimeSpan.FromMinutes(5));
        }

        var plan = options.Plan();
        var (accountId, settings) = await plane.SimAccountAsync(options);
        var groupId = await plane.GroupAsync(accountId, plan);
        var floor = SimFloor.Compute(settings, plan);
        Console.Error.WriteLine($"measured drill: {options.Vms} VMs in {options.Waves} waves; floor {floor.RealSeconds:F1} s real");
        GC.Collect();
        var peakReset = Usage.ResetPeak();
        var before = Usage.Now(plane.DataDirectory);
        var clock = Stopwatch.StartNew();
        var (drill, posted) = await RunDrillAsync(client, groupId, TimeSpan.FromSeconds(Math.Max(300, floor.RealSeconds * 5)));
        var wall = clock.Elapsed.TotalSeconds;
        var used = Usage.Now(plane.DataDirectory).Minus(before);
        var peak = Usage.PeakWorkingSetBytes();
        var timeline = Timeline.From(drill, SimCloud.Find(accountId)!, floor);
        var loadAtEnd = File.ReadAllText("/proc/loadavg").Split(' ')[..3];

        var report = new Report(options, floor, timeline, posted, wall, used, peak, peakReset, drill, loadAtStart, loadAtEnd);
        // The host prints its start-up banner to standard output too; --out keeps the table alone in a file.
        Report.Print(report, Console.Out);
        if (options.Out is { } path)
        {
            await using var file = File.CreateText(path);
            Report.Print(report, file);
        }
    }

    private static async Task<(JsonObject Drill, DateTimeOffset Posted)> RunDrillAsync(HttpClient client, Guid groupId, TimeSpan timeout)
    {
        var posted = DateTimeOffset.UtcNow;
        var response = await client.PostAsJsonAsync(new Uri("api/drills", UriKind.Relative), new { protectionGroupId = groupId });
        if (response.StatusCode != HttpStatusCode.Accepted)
        {
            throw new InvalidOperationException($"POST /api/drills: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }

        var id = (await response.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<Guid>();
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            // A 500-VM view is large; looking four times a second keeps the harness's share of the CPU small.
            await Task.Delay(250);
            var drill = (await client.GetFromJsonAsync<JsonObject>(new Uri($"api/drills/{id}", UriKind.Relative)))!;
            var status = drill["status"]!.GetValue<string>();
            if (status != DrillStatus.Running)
            {
                return status == DrillStatus.Succeeded ? (drill, posted) : throw new InvalidOperationException($"drill {id} ended {status}:\n{drill["result"]}");
            }

            if (deadline.Elapsed > timeout)
            {
                throw new TimeoutException($"drill {id} still running after {timeout.TotalSeconds:F0} s");
            }
        }
    }
}
