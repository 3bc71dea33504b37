using System.Net;
using System.Text.Json.Nodes;
using Failkit.Drills;
using Failkit.Drills.Cloud;
using Failkit.Evidence;
using Failkit.Identity.Sessions;
using Failkit.Identity.Users;
using Failkit.Protection;
using Failkit.Tenancy;
using Failkit.Testing;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Failkit.Portal.Tests;

/// <summary>The real tenant plane (<c>Program</c>) on a loopback Kestrel port over a fresh PostgreSQL database, as in
/// Failkit.Studio.Tests. The only test-only piece is <c>/test/sign-in?role=</c>, which signs a user of that role in with
/// the identity module's session cookie without the password form. Test data goes in through the modules' stores.</summary>
public sealed partial class PortalHost : IAsyncLifetime
{
    private const string Slug = "portal";

    private WebApplicationFactory<Program>? _factory;

    public Uri Url { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        // Tenant rows take their tenant_id from the session's app.current_tenant, as on an onboarded plane.
        var connectionString = TenantConnectionStrings.Scope(await TestPostgres.CreateDatabaseAsync("portal"), TenantSlug.Parse(Slug));
        // Program reads these before it builds the app, so they go where the real host reads them: the environment.
        Environment.SetEnvironmentVariable("ConnectionStrings__Failkit", connectionString);
        Environment.SetEnvironmentVariable("Failkit__Tenant__Slug", Slug);
        Environment.SetEnvironmentVariable("Failkit__Tenant__Id", "id-" + Slug);
        Environment.SetEnvironmentVariable("Failkit__Drills__PollInterval", "00:00:00.200");
        Environment.SetEnvironmentVariable("Failkit__Drills__SupervisorInterval", "00:00:00.300");
        Environment.SetEnvironmentVariable("Failkit__Identity__BcryptWorkFactor", "4");
        Environment.SetEnvironmentVariable("Failkit__Evidence__SweepInterval", "00:00:01");
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            web.ConfigureLogging(l => l.SetMinimumLevel(LogLevel.Warning));
            web.ConfigureTestServices(services => services.AddSingleton<IStartupFilter, SignInEndpoint>());
        });
        // A free loopback port: tests of other projects run at the same time.
        _factory.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        _factory.StartServer();
        var address = _factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Url = new Uri(address.TrimEnd('/') + "/");
    }

    public async ValueTask DisposeAsync()
    {
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }
    }

    public T Get<T>()
        where T : notnull => _factory!.Services.GetRequiredService<T>();

    /// <summary>A Sim account (real-cloud latencies scaled by <paramref name="timeScale"/>) and a group of one VM per wave,
    /// each disk with a recovery point five minutes old.</summary>
    public async Task<ProtectionGroup> GroupAsync(string name, int vms = 3, double timeScale = 0.01)
    {
        var account = await Get<CloudAccountStore>().CreateAsync(new CloudAccountInput($"sim-{Guid.NewGuid():N}", CloudKind.Sim, "sim-1",
            new DrillNetwork("drill-net", "drill-subnet"), new Dictionary<string, string> { ["small"] = "sim.small" }, null,
            new JsonObject { ["seed"] = 7, ["timeScale"] = timeScale }, null), CancellationToken.None);
        var prefix = Guid.NewGuid().ToString("N")[..8];
        var list = Enumerable.Range(1, vms).Select(i => new ProtectedVm($"vm-{i}", i, "small", [new VmDisk($"{prefix}-vm-{i}-os", 8L << 30)],
            [new ProbeSpec("web", ProbeKind.Http, Url: "http://{address}/health")])).ToList();
        var group = await Get<ProtectionGroupStore>().CreateAsync(new ProtectionGroupInput($"{name}-{prefix}", account.Id, 30, 15, null, null, list), null,
            CancellationToken.None);
        foreach (var disk in list.SelectMany(v => v.Disks))
        {
            await Get<RecoveryPointStore>().RecordAsync(new RecoveryPointReport(disk.Name, $"p-{Guid.NewGuid():N}", DateTimeOffset.UtcNow.AddMinutes(-5),
                1 << 20, 1 << 20, 1 << 20, 1, new string('a', 64), 12.5, "seed", DateTimeOffset.UtcNow), CancellationToken.None);
        }

        return group;
    }

    /// <summary>Starts a drill through the launcher the API uses and waits until it ended and its report exists.</summary>
    public async Task<Drill> FinishedDrillAsync(ProtectionGroup group)
    {
        var started = await Get<DrillLauncher>().StartAsync(new StartDrillRequest(group.Id), new DrillInitiator(DrillInitiator.User, "seed@example.test"),
            CancellationToken.None);
        var id = started.DrillId ?? throw new InvalidOperationException(string.Join("; ", started.Errors.SelectMany(e => e.Value)));
        for (var until = DateTime.UtcNow.AddSeconds(90); DateTime.UtcNow < until; await Task.Delay(250))
        {
            if (await Get<DrillStore>().FindAsync(id, CancellationToken.None) is { Status: not DrillStatus.Running } drill
                && await Get<ReportStore>().FindAsync(id, CancellationToken.None) is not null)
            {
                return drill;
            }
        }

        throw new TimeoutException($"Drill {id} did not finish with a report within 90 s.");
    }

    /// <summary>Signs a user of the given role (or the given email's user) in through the identity module's own session cookie: the real user
    /// store and cookie, with the password form skipped.</summary>
    private sealed class SignInEndpoint : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Map("/test/sign-in", signIn => signIn.Run(async context =>
            {
                var role = context.Request.Query["role"].ToString() is { Length: > 0 } r ? r : "owner";
                var users = context.RequestServices.GetRequiredService<UserStore>();
                // One shared user per role, or a test's own user (one it may demote or deactivate).
                var email = context.Request.Query["email"].ToString() is { Length: > 0 } own ? own : $"{role}@example.test";
                var user = await users.FindByEmailAsync(email, context.RequestAborted)
                    ?? await users.CreateAsync(email, role, null, context.RequestAborted)
                    ?? await users.FindByEmailAsync(email, context.RequestAborted);
                await context.SignInAsync(CookieSessions.Scheme, Principals.ForUser(user!, CookieSessions.Scheme));
            }));
            next(app);
        };
    }
}
