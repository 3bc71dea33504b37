using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Failkit.Drills;
using Failkit.Drills.Cloud;
using Failkit.Protection;
using Failkit.Sso.Storage;
using Failkit.Tenancy;
using Failkit.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Failkit.Drills.Tests.Fixtures;

/// <summary>The real tenant plane (Failkit.Host's Program with its production registration: engine, runbook, Sim
/// cloud, identity) over a tenant database provisioned and migrated as onboarding does, connected as the app role.
/// Drill timings are shortened by configuration only: the poll interval and the Sim account's time scale.</summary>
public sealed class DrillPlane : WebApplicationFactory<Program>
{
    public const string PlaneKey = "drill-plane-key-0123456789abcdef";

    /// <summary>Provisioning grants on cluster-wide catalog rows; two at once fail with "tuple concurrently updated".</summary>
    private static readonly SemaphoreSlim Provisioning = new(1, 1);

    private readonly Dictionary<string, string?> _settings;
    private readonly Action<IServiceCollection>? _services;

    private DrillPlane(TenantDatabase tenant, Dictionary<string, string?> settings, Action<IServiceCollection>? services)
    {
        Tenant = tenant;
        _settings = settings;
        _services = services;
    }

    public TenantDatabase Tenant { get; }

    /// <param name="services">Runs after the host's own registration; tests swap infrastructure here (e.g. a cloud provider
    /// pointed at a fake), never the drill code.</param>
    public static async Task<DrillPlane> StartAsync(IDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null)
    {
        var slug = TenantSlug.Parse($"dr-{Guid.NewGuid():N}"[..16]);
        TenantDatabase tenant;
        await Provisioning.WaitAsync();
        try
        {
            tenant = await new TenantDatabaseProvisioner(await TestPostgres.AdminConnectionStringAsync()).ProvisionAsync(slug, TenantPasswords.Generate());
            await SsoDatabase.MigrateAsync(tenant.OwnerConnectionString);
            await DrillsMigrator.MigrateAsync(tenant);
            await Failkit.Activities.Notifications.NotificationsMigrator.MigrateAsync(tenant.OwnerConnectionString);
            await ProtectionMigrator.MigrateAndSecureAsync(tenant);
        }
        finally
        {
            Provisioning.Release();
        }

        var all = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Failkit"] = tenant.AppConnectionString,
            ["Failkit:Database:Migrate"] = "false",
            ["Failkit:RunTriggers"] = "false",
            ["Failkit:Workers"] = "2",
            ["Failkit:Tenant:Slug"] = slug.Value,
            ["Failkit:Tenant:Id"] = "id-" + slug.Value,
            ["Failkit:Tenant:PublicUrl"] = "http://localhost",
            ["Failkit:Management:PlaneKey"] = PlaneKey,
            ["Failkit:Management:Url"] = "http://127.0.0.1:9",
            ["Failkit:Identity:BcryptWorkFactor"] = "4",
            ["Failkit:Drills:PollInterval"] = "00:00:00.200",
            ["Failkit:Drills:SchedulerInterval"] = "00:00:00.200",
            ["Failkit:Drills:SupervisorInterval"] = "00:00:00.300",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        var plane = new DrillPlane(tenant, all, services);
        plane.StartServer();
        return plane;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureServices(s => s.AddSingleton<IStartupFilter, LoopbackPeer>());
        if (_services is not null)
        {
            builder.ConfigureTestServices(_services);
        }
    }

    public T Get<T>()
        where T : notnull => Services.GetRequiredService<T>();

    /// <summary>A Sim account whose latencies are those of a real cloud scaled down 500 times (a 45 s boot takes 90 ms).</summary>
    public async Task<CloudAccountView> SimAccountAsync(JsonObject? settings = null)
    {
        var merged = new JsonObject { ["seed"] = 7, ["timeScale"] = 0.002 };
        foreach (var (key, value) in settings ?? [])
        {
            merged[key] = value?.DeepClone();
        }

        return await Get<CloudAccountStore>().CreateAsync(new CloudAccountInput($"sim-{Guid.NewGuid():N}", CloudKind.Sim, "sim-1",
            new DrillNetwork("drill-net", "drill-subnet"), new Dictionary<string, string> { ["small"] = "sim.small" }, null, merged, null), CancellationToken.None);
    }

    /// <summary>A group of <paramref name="vms"/> (name, wave) with one disk and an HTTP probe each, and a recovery point per
    /// disk taken <paramref name="pointAge"/> ago.</summary>
    public async Task<ProtectionGroup> GroupAsync(Guid accountId, IEnumerable<(string Name, int Wave)> vms, TimeSpan? pointAge = null, string? schedule = null,
        int rtoMinutes = 60, int rpoMinutes = 60)
    {
        var prefix = Guid.NewGuid().ToString("N")[..8];
        var list = vms.Select(v => new ProtectedVm(v.Name, v.Wave, "small", [new VmDisk($"{prefix}-{v.Name}-os", 8L << 30)],
            [new ProbeSpec("web", ProbeKind.Http, Url: "http://{address}/health"), new ProbeSpec("ssh", ProbeKind.Tcp, Port: 22)])).ToList();
        var group = await Get<ProtectionGroupStore>().CreateAsync(
            new ProtectionGroupInput($"group-{prefix}", accountId, rtoMinutes, rpoMinutes, null, schedule, list), null, CancellationToken.None);
        if (pointAge is { } age)
        {
            foreach (var disk in list.SelectMany(v => v.Disks))
            {
                await RecordPointAsync(disk.Name, DateTimeOffset.UtcNow - age);
            }
        }

        return group;
    }

    public Task RecordPointAsync(string disk, DateTimeOffset at) =>
        Get<RecoveryPointStore>().RecordAsync(new RecoveryPointReport(disk, $"p-{Guid.NewGuid():N}", at, 1 << 20, 1 << 20, 1 << 20, 1,
            new string('a', 64), 12.5, "seed", DateTimeOffset.UtcNow), CancellationToken.None);

    /// <summary>A bearer client for a new API client with <paramref name="role"/>, made through the internal route as the
    /// management plane does.</summary>
    public async Task<HttpClient> ApiClientAsync(string role = "operator")
    {
        using var anonymous = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        using var create = new HttpRequestMessage(HttpMethod.Post, "/internal/api-clients") { Content = JsonContent.Create(new { name = "drills test", role }) };
        create.Headers.Authorization = new AuthenticationHeaderValue("PlaneKey", PlaneKey);
        var created = await (await anonymous.SendAsync(create)).EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>();
        var token = await anonymous.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = created.GetProperty("clientId").GetString()!,
            ["client_secret"] = created.GetProperty("clientSecret").GetString()!,
        }));
        var access = (await token.EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>()).GetProperty("access_token").GetString();
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", access);
        return client;
    }

    /// <summary>Polls <c>GET /api/drills/{id}</c> until <paramref name="done"/> holds, failing with the last body after the timeout.</summary>
    public static async Task<JsonObject> WaitAsync(HttpClient client, Guid id, Func<JsonObject, bool> done, int seconds = 60)
    {
        JsonObject? last = null;
        for (var deadline = DateTime.UtcNow.AddSeconds(seconds); DateTime.UtcNow < deadline; await Task.Delay(100))
        {
            last = (await client.GetFromJsonAsync<JsonObject>($"/api/drills/{id}"))!;
            if (done(last))
            {
                return last;
            }
        }

        throw new TimeoutException($"Drill {id} did not get there in {seconds} s; last seen:\n{last}");
    }

    /// <summary>Posts the decision once the drill waits at its approval gate (before that the API answers 409).</summary>
    public static async Task<HttpResponseMessage> DecideWhenWaitingAsync(HttpClient client, Guid id, object decision, int seconds = 60)
    {
        for (var deadline = DateTime.UtcNow.AddSeconds(seconds); ; await Task.Delay(100))
        {
            var response = await client.PostAsJsonAsync($"/api/drills/{id}/approve", decision);
            if (response.StatusCode != System.Net.HttpStatusCode.Conflict || DateTime.UtcNow > deadline)
            {
                return response;
            }
        }
    }

    public static Task<JsonObject> FinishedAsync(HttpClient client, Guid id, int seconds = 60) =>
        WaitAsync(client, id, d => d["status"]?.GetValue<string>() != DrillStatus.Running, seconds);
}
