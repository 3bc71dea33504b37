using System.Diagnostics;
using System.Globalization;
using Failkit.Tenancy.Bench;
using Spectre.Console;

// Onboarding time per tenant (API call → first successful password login, p50 of N) and the idle memory of tenant
// planes, against the real management plane on embedded PostgreSQL. Run from the repository root after a Release build:
//   dotnet build host/Failkit.Host -c Release && dotnet run -c Release --project bench/Failkit.Tenancy.Bench [-- tenants [sample]]
var tenants = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 20;
var sample = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 10;
await using var platform = await Platform.StartAsync(Directory.GetCurrentDirectory());
var durations = new List<TimeSpan>();
for (var i = 0; i < tenants; i++)
{
    var slug = $"bench{i:00}{Guid.NewGuid().ToString("N")[..4]}";
    var clock = Stopwatch.StartNew();
    await platform.OnboardAndLogInAsync(slug);
    durations.Add(clock.Elapsed);
    Console.WriteLine($"  {slug}: {clock.Elapsed.TotalSeconds:F2} s");
}

// Idle: no requests for a while, so start-up garbage is collected and caches settle.
await Task.Delay(TimeSpan.FromSeconds(20));
var planes = Platform.TenantPlaneMemory(platform.ProcessId).Take(sample).ToList();
var sorted = durations.Order().ToList();
var rss = planes.Select(p => p.RssBytes).Order().ToList();
var hwm = planes.Select(p => p.PeakBytes).Order().ToList();
var machine = Platform.MachineMemoryBytes();
var table = new Table().AddColumns("measure", "value");
table.AddRow("tenants onboarded (API call → first password login)", tenants.ToString(CultureInfo.InvariantCulture));
table.AddRow("onboarding p50", $"{sorted[sorted.Count / 2].TotalSeconds:F2} s");
table.AddRow("onboarding min / max", $"{sorted[0].TotalSeconds:F2} s / {sorted[^1].TotalSeconds:F2} s");
table.AddRow("tenant planes measured", planes.Count.ToString(CultureInfo.InvariantCulture));
table.AddRow("idle RSS per plane, median", Mib(rss[rss.Count / 2]));
table.AddRow("peak RSS per plane (VmHWM), max", Mib(hwm[^1]));
table.AddRow("machine memory", Mib(machine));
table.AddRow("planes that fit by idle RSS (machine / median)", (machine / rss[rss.Count / 2]).ToString(CultureInfo.InvariantCulture));
table.AddRow("planes that fit by peak RSS (machine / max peak)", (machine / hwm[^1]).ToString(CultureInfo.InvariantCulture));
AnsiConsole.Write(table);
Console.WriteLine("PostgreSQL's memory per tenant database (shared buffers are shared; ~one backend per open connection) is not included.");
return 0;

static string Mib(long bytes) => $"{bytes / 1048576.0:F0} MiB";
