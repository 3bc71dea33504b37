using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Failkit.Drills;
using Failkit.Identity.Users;
using Failkit.Protection;
using Failkit.Sso.Storage;
using Failkit.Tenancy;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Failkit.Testing.Plane;

/// <summary>The real tenant plane (Failkit.Host's Program with its production registration: engine, runbooks, Sim
/// cloud, identity, evidence) over a tenant database provisioned and migrated as onboarding does, connected as the app
/// role, with a GUID tenant id as the management plane hands out. Tests change timings by configuration only, and swap
/// infrastructure (a cloud provider pointed at a fake) through <c>services</c>, never the code under test.</summary>
public sealed partial class TenantPlaneHost : WebApplicationFactory<Program>
{
    public const string PlaneKey = "test-plane-key-0123456789abcdef";

    /// <summary>Provisioning grants on cluster-wide catalog rows; two at once fail with "tuple concurrently updated".</summary>
    private static readonly SemaphoreSlim Provisioning = new(1, 1);

    private readonly Dictionary<string, string?> _settings;
    private readonly Action<IServiceCollection>? _services;

    private TenantPlaneHost(TenantDatabase tenant, Guid tenantId, Dictionary<string, string?> settings, Action<IServiceCollection>? services)
    {
        Tenant = tenant;
        TenantId = tenantId;
        _settings = settings;
        _services = services;
    }

    public TenantDatabase Tenant { get; }

    public Guid TenantId { get; }

    /// <param name="settings">Overrides of the defaults below (e.g. <c>Failkit:Evidence:SweepInterval</c>).</param>
    /// <param name="services">Runs after the host's own registration.</param>
    public static async Task<TenantPlaneHost> StartAsync(IDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null)
    {
        var slug = TenantSlug.Parse($"tp-{Guid.NewGuid():N}"[..16]);
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

        var tenantId = Guid.NewGuid();
        var all = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Failkit"] = tenant.AppConnectionString,
            ["Failkit:Database:Migrate"] = "false",
            ["Failkit:RunTriggers"] = "false",
            ["Failkit:Workers"] = "2",
            ["Failkit:Tenant:Slug"] = slug.Value,
            ["Failkit:Tenant:Id"] = tenantId.ToString(),
            ["Failkit:Tenant:Tier"] = "Professional",
            ["Failkit:Tenant:PublicUrl"] = "http://localhost",
            ["Failkit:Management:PlaneKey"] = PlaneKey,
            ["Failkit:Management:Url"] = "http://127.0.0.1:9",
            ["Failkit:Identity:BcryptWorkFactor"] = "4",
            ["Failkit:Drills:PollInterval"] = "00:00:00.200",
            ["Failkit:Drills:SchedulerInterval"] = "00:00:00.200",
            ["Failkit:Drills:SupervisorInterval"] = "00:00:00.300",
            ["Failkit:Evidence:SweepInterval"] = "00:00:00.500",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        var plane = new TenantPlaneHost(tenant, tenantId, all, services);
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

    public HttpClient Anonymous() => CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });

    /// <summary>A bearer client for a new API client with <paramref name="role"/>, made through the internal route as the
    /// management plane does.</summary>
    public async Task<HttpClient> ApiClientAsync(string role = "operator")
    {
        using var anonymous = Anonymous();
        using var create = new HttpRequestMessage(HttpMethod.Post, "/internal/api-clients") { Content = JsonContent.Create(new { name = "plane test", role }) };
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
        var token = AntiforgeryField().Match(page);
        if (!token.Success)
        {
            throw new InvalidOperationException("The login page has no antiforgery token.");
        }

        var login = await client.PostAsync("/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["email"] = user!.Email,
            ["password"] = password,
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups["value"].Value),
        }));
        if (login.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"The owner's sign-in answered {(int)login.StatusCode}, not a redirect.");
        }

        client.DefaultRequestHeaders.Add("Origin", "http://localhost");
        return client;
    }

    [GeneratedRegex("""<input type="hidden" name="__RequestVerificationToken" value="(?<value>[^"]*)"\s*/?>""")]
    private static partial Regex AntiforgeryField();
}
