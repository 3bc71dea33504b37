using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Failkit.Drills;
using Failkit.Drills.Cloud;
using Failkit.Identity.Users;
using Failkit.Protection;
using Failkit.Sso.Storage;
using Failkit.Tenancy;
using Failkit.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Failkit.Evidence.Tests.Fixtures;

/// <summary>The real tenant plane (Failkit.Host's Program with its production registration) over a tenant database
/// provisioned as onboarding does, connected as the app role, with a GUID tenant id as the management plane hands out.
/// Only timings are configured: the drill poll interval, the Sim time scale and the report sweep interval.</summary>
public sealed class EvidencePlane : WebApplicationFactory<Program>
{
    public const string PlaneKey = "evidence-plane-key-0123456789abcdef";

    /// <summary>Provisioning grants on cluster-wide catalog rows; two at once fail with "tuple concurrently updated".</summary>
    private static readonly SemaphoreSlim Provisioning = new(1, 1);

    private readonly Dictionary<string, string?> _settings;

    private EvidencePlane(TenantDatabase tenant, Guid tenantId, Dictionary<string, string?> settings)
    {
        Tenant = tenant;
        TenantId = tenantId;
        _settings = settings;
    }

    public TenantDatabase Tenant { get; }

    public Guid TenantId { get; }

    /// <param name="sweepInterval">The backstop's interval; tests that count appends themselves keep it long.</param>
    public static async Task<EvidencePlane> StartAsync(TimeSpan? sweepInterval = null, string tier = "Professional")
    {
        var slug = TenantSlug.Parse($"ev-{Guid.NewGuid():N}"[..16]);
        TenantDatabase tenant;
        await Provisioning.WaitAsync();
        try
        {
            tenant = await new TenantDatabaseProvisioner(await TestPostgres.AdminConnectionStringAsync()).ProvisionAsync(slug, TenantPasswords.Generate());
            await SsoDatabase.MigrateAsync(tenant.OwnerConnectionString);
            await DrillsMigrator.MigrateAsync(tenant);
            await ProtectionMigrator.MigrateAndSecureAsync(tenant);
        }
        finally
        {
            Provisioning.Release();
        }

        var tenantId = Guid.NewGuid();
        var plane = new EvidencePlane(tenant, tenantId, new Dictionary<string, string?>
        {
            ["ConnectionStrings:Failkit"] = tenant.AppConnectionString,
            ["Failkit:Database:Migrate"] = "false",
            ["Failkit:RunTriggers"] = "false",
            ["Failkit:Workers"] = "2",
            ["Failkit:Tenant:Slug"] = slug.Value,
            ["Failkit:Tenant:Id"] = tenantId.ToString(),
            ["Failkit:Tenant:Tier"] = tier,
            ["Failkit:Tenant:PublicUrl"] = "http://localhost",
            ["Failkit:Management:PlaneKey"] = PlaneKey,
            ["Failkit:Management:Url"] = "http://127.0.0.1:9",
            ["Failkit:Identity:BcryptWorkFactor"] = "4",
            ["Failkit:Drills:PollInterval"] = "00:00:00.200",
            ["Failkit:Drills:SchedulerInterval"] = "00:00:00.200",
            ["Failkit:Drills:SupervisorInterval"] = "00:00:00.300",
            ["Failkit:Evidence:SweepInterval"] = (sweepInterval ?? TimeSpan.FromMilliseconds(500)).ToString("c", System.Globalization.CultureInfo.InvariantCulture),
            ["Logging:LogLevel:Default"] = "Warning",
        });
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
    }

    public T Get<T>()
        where T : notnull => Services.GetRequiredService<T>();

    /// <summary>A Sim account whose latencies are those of a real cloud scaled down 500 times.</summary>
    public Task<CloudAccountView> SimAccountAsync() =>
        Get<CloudAccountStore>().CreateAsync(new CloudAccountInput($"sim-{Guid.NewGuid():N}", CloudKind.Sim, "sim-1", new DrillNetwork("drill-net", "drill-subnet"),
            new Dictionary<string, string> { ["small"] = "sim.small" }, null, new JsonObject { ["seed"] = 7, ["timeScale"] = 0.002 }, null), CancellationToken.None);

    /// <summary>A group of VMs (name, wave) with one disk, an HTTP and a TCP probe each, and a recovery point per disk a minute old.</summary>
    public async Task<ProtectionGroup> GroupAsync(Guid accountId, IEnumerable<(string Name, int Wave)> vms)
    {
        var prefix = Guid.NewGuid().ToString("N")[..8];
        var list = vms.Select(v => new ProtectedVm(v.Name, v.Wave, "small", [new VmDisk($"{prefix}-{v.Name}-os", 8L << 30)],
            [new ProbeSpec("web", ProbeKind.Http, Url: "http://{address}/health"), new ProbeSpec("ssh", ProbeKind.Tcp, Port: 22)])).ToList();
        var group = await Get<ProtectionGroupStore>().CreateAsync(new ProtectionGroupInput($"group-{prefix}", accountId, 60, 60, null, null, list), null, CancellationToken.None);
        foreach (var disk in list.SelectMany(v => v.Disks))
        {
            await Get<RecoveryPointStore>().RecordAsync(new RecoveryPointReport(disk.Name, $"p-{Guid.NewGuid():N}", DateTimeOffset.UtcNow.AddMinutes(-1), 1 << 20,
                1 << 20, 1 << 20, 1, new string('a', 64), 12.5, "seed", DateTimeOffset.UtcNow), CancellationToken.None);
        }

        return group;
    }

    /// <summary>A bearer client for a new API client with <paramref name="role"/>, made as the management plane does.</summary>
    public async Task<HttpClient> ApiClientAsync(string role = "operator")
    {
        using var anonymous = Anonymous();
        using var create = new HttpRequestMessage(HttpMethod.Post, "/internal/api-clients") { Content = JsonContent.Create(new { name = "evidence test", role }) };
        create.Headers.Authorization = new AuthenticationHeaderValue("PlaneKey", PlaneKey);
        var created = await (await anonymous.SendAsync(create)).EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>();
        var token = await anonymous.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = created.GetProperty("clientId").GetString()!,
            ["client_secret"] = created.GetProperty("clientSecret").GetString()!,
        }));
        var access = (await token.EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>()).GetProperty("access_token").GetString();
        var client = Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", access);
        return client;
    }

    /// <summary>A signed-in owner (API clients cannot hold the owner role): a cookie session from the login form, sending
    /// this site's Origin as a browser does on unsafe calls.</summary>
    public async Task<HttpClient> OwnerAsync()
    {
        const string password = "correct horse battery staple";
        var user = await Get<UserStore>().CreateAsync($"owner-{Guid.NewGuid():N}@example.test", "owner", password, CancellationToken.None);
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true, BaseAddress = new Uri("http://localhost") });
        var page = await client.GetStringAsync("/login");
        var token = Regex.Match(page, "<input type=\"hidden\" name=\"__RequestVerificationToken\" value=\"(?<value>[^\"]*)\">");
        Assert.True(token.Success, "the login page has no antiforgery token");
        var login = await client.PostAsync("/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["email"] = user!.Email,
            ["password"] = password,
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups["value"].Value),
        }));
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        client.DefaultRequestHeaders.Add("Origin", "http://localhost");
        return client;
    }

    public HttpClient Anonymous() => CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });

    /// <summary>A drill that finished without running (status, one Green VM per name), for tests about the chain
    /// rather than the runbook. Its report is made by whoever appends first.</summary>
    public async Task<Guid> FinishedDrillAsync(ProtectionGroup group, string status = DrillStatus.Succeeded)
    {
        ArgumentNullException.ThrowIfNull(group);
        var store = Get<DrillStore>();
        var now = DateTimeOffset.UtcNow;
        var id = Guid.CreateVersion7(now);
        await store.CreateAsync(new Drill(id, group.Id, DrillStatus.Running, true, new DrillInitiator(DrillInitiator.User, "auditor-test@example.com"),
            ProtectionGroupStore.DefaultRunbook, 1, null, false, 3600, 3600, null, null, now.AddSeconds(-30), null, null, null, null, null,
            [.. group.Vms.Select(v => new DrillVm(v.Name, v.Wave, VmStatus.Pending, null, null, null, [], new Waterfall(null, null, null, null, null), [], null))]),
            CancellationToken.None);
        foreach (var vm in group.Vms)
        {
            await store.UpdateVmAsync(id, vm.Name, new VmProgress(Status: VmStatus.Green, InstanceId: $"sim-{vm.Name}", RequestIds: [$"req-{vm.Name}"],
                RequestedAt: now.AddSeconds(-29), DiskReadyAt: now.AddSeconds(-25), InstanceRunningAt: now.AddSeconds(-20), BootSignalAt: now.AddSeconds(-15),
                ProbesGreenAt: now.AddSeconds(-10), Probes: [new ProbeResult("web", "Http", true, 1, "HTTP 200: healthy", now.AddSeconds(-10))]), CancellationToken.None);
        }

        await store.SetCleanupAsync(id, new JsonObject { ["deleted"] = new JsonArray(), ["leftovers"] = new JsonArray(), ["sweptAt"] = now }, CancellationToken.None);
        await store.CompleteAsync(id, status, new JsonObject { ["verdict"] = status }, CancellationToken.None);
        return id;
    }
}
