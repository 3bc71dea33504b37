using Failkit.Identity;
using Failkit.Identity.Users;
using Failkit.Protection;
using Failkit.Sso.Storage;
using Failkit.Tenancy;
using Failkit.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Failkit.Identity.Tests.Fixtures;

/// <summary>The real tenant plane (Failkit.Host's Program, production registration) over a tenant database provisioned
/// by <see cref="TenantDatabaseProvisioner"/>, connected as the tenant's app role. Swapped: the clock (optional), and
/// the management plane's address (a loopback fake, when a test needs one).</summary>
public sealed class TenantPlane : WebApplicationFactory<Program>
{
    public const string PlaneKey = "test-plane-key-0123456789abcdef";
    public const string PublicUrl = "http://localhost";

    private readonly Dictionary<string, string?> _settings;
    private readonly FakeTimeProvider? _time;

    private TenantPlane(TenantDatabase tenant, Dictionary<string, string?> settings, FakeTimeProvider? time)
    {
        Tenant = tenant;
        _settings = settings;
        _time = time;
    }

    public TenantDatabase Tenant { get; }

    public string Slug => Tenant.Slug.Value;

    /// <summary>The tenant's id as the management plane knows it.</summary>
    public string TenantId => "id-" + Slug;

    public FakeTimeProvider Time => _time ?? throw new InvalidOperationException("This plane runs on the system clock.");

    /// <param name="fullBcryptCost">Keep production's bcrypt cost 12. Off, the plane hashes at cost 4
    /// (<c>Failkit:Identity:BcryptWorkFactor</c>): tests that do not measure password hashing need not pay ~0.25 s a
    /// hash, four times per signed-in user.</param>
    public static async Task<TenantPlane> StartAsync(
        string prefix = "id", Uri? management = null, FakeTimeProvider? time = null, IDictionary<string, string?>? settings = null, bool fullBcryptCost = false)
    {
        var slug = TenantSlug.Parse($"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 13)]);
        var tenant = await new TenantDatabaseProvisioner(await TestPostgres.AdminConnectionStringAsync()).ProvisionAsync(slug, TenantPasswords.Generate());
        // The other tenant-plane schemas, as onboarding's migration step applies them.
        await SsoDatabase.MigrateAsync(tenant.OwnerConnectionString);
        await Failkit.Drills.DrillsMigrator.MigrateAsync(tenant);
        await Failkit.Activities.Notifications.NotificationsMigrator.MigrateAsync(tenant.OwnerConnectionString);
        await ProtectionMigrator.MigrateAndSecureAsync(tenant);
        var all = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Failkit"] = tenant.AppConnectionString,
            ["Failkit:Database:Migrate"] = "false",
            ["Failkit:RunTriggers"] = "false",
            ["Failkit:Workers"] = "1",
            ["Failkit:Tenant:Slug"] = slug.Value,
            ["Failkit:Tenant:Id"] = "id-" + slug.Value,
            // A tier with SSO, so the SSO routes are reachable for the role matrix.
            ["Failkit:Tenant:Tier"] = "Professional",
            ["Failkit:Tenant:PublicUrl"] = PublicUrl,
            ["Failkit:Management:PlaneKey"] = PlaneKey,
            ["Failkit:Management:Url"] = management?.ToString() ?? "http://127.0.0.1:9",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        if (!fullBcryptCost)
        {
            all["Failkit:Identity:BcryptWorkFactor"] = "4";
        }

        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        var plane = new TenantPlane(tenant, all, time);
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
        if (_time is not null)
        {
            builder.ConfigureServices(s => s.AddSingleton<TimeProvider>(_time));
        }
    }

    public T Get<T>()
        where T : notnull => Services.GetRequiredService<T>();

    /// <summary>A browser-like client: cookies kept, redirects not followed, Origin set to the plane's own.</summary>
    public Browser Browser() => new(CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true, BaseAddress = new Uri(PublicUrl) }));

    /// <summary>A client without cookies, for bearer tokens and anonymous calls.</summary>
    public HttpClient Anonymous() => CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false, BaseAddress = new Uri(PublicUrl) });

    public async Task<User> CreateUserAsync(string role, string? email = null, string password = Passwords.Default) =>
        await Get<UserStore>().CreateAsync(email ?? $"{role}-{Guid.NewGuid():N}@example.test", role, password, CancellationToken.None)
        ?? throw new InvalidOperationException("The user exists already.");

    /// <summary>A signed-in browser for a new user with <paramref name="role"/>.</summary>
    public async Task<Browser> SignedInAsync(string role)
    {
        var user = await CreateUserAsync(role);
        var browser = Browser();
        var response = await browser.LoginAsync(user.Email, Passwords.Default);
        if (response.StatusCode != System.Net.HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"Login as {role} failed: {(int)response.StatusCode}");
        }

        return browser;
    }
}

public static class Passwords
{
    public const string Default = "correct horse battery staple";
}
