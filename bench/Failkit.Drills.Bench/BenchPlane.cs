using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Failkit.Drills.Cloud;
using Failkit.LocalPostgres;
using Failkit.Protection;
using Failkit.Sso.Storage;
using Failkit.Tenancy;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Failkit.Drills.Bench;

/// <summary>The real tenant plane (Failkit.Host's Program, production registration) on a loopback port, over a tenant
/// database provisioned and migrated as onboarding does and connected as the tenant's app role, on a PostgreSQL
/// cluster of its own in a temporary folder. Only configuration differs from production: the poll interval and the
/// worker count the harness was given.</summary>
public sealed class BenchPlane : IAsyncDisposable
{
    private const string PlaneKey = "drills-bench-plane-key-0123456789";

    private readonly LocalCluster _cluster;
    private readonly WebApplicationFactory<Program> _factory;

    private BenchPlane(LocalCluster cluster, WebApplicationFactory<Program> factory, Uri url)
    {
        _cluster = cluster;
        _factory = factory;
        Url = url;
    }

    public Uri Url { get; }

    public string DataDirectory => _cluster.DataDirectory;

    public static async Task<BenchPlane> StartAsync(BenchOptions options)
    {
        var dir = Path.Combine(Path.GetTempPath(), "failkit-drills-bench-" + Guid.NewGuid().ToString("N")[..12]);
        // fsync on unless asked otherwise: the embedded default of a real install is durable, and the drill commits often.
        var cluster = await LocalCluster.StartAsync(dir, port: null, throwaway: !options.Fsync);
        var slug = TenantSlug.Parse($"bench{Guid.NewGuid():N}"[..16]);
        var tenant = await new TenantDatabaseProvisioner(cluster.ConnectionString()).ProvisionAsync(slug, TenantPasswords.Generate());
        await SsoDatabase.MigrateAsync(tenant.OwnerConnectionString);
        await DrillsMigrator.MigrateAsync(tenant);
        await ProtectionMigrator.MigrateAndSecureAsync(tenant);
        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Failkit"] = tenant.AppConnectionString,
            ["Failkit:Database:Migrate"] = "false",
            ["Failkit:Workers"] = options.Workers.ToString(CultureInfo.InvariantCulture),
            ["Failkit:Tenant:Slug"] = slug.Value,
            ["Failkit:Tenant:Id"] = "id-" + slug.Value,
            ["Failkit:Tenant:PublicUrl"] = "http://localhost",
            ["Failkit:Management:PlaneKey"] = PlaneKey,
            ["Failkit:Management:Url"] = "http://127.0.0.1:9",
            ["Failkit:Identity:BcryptWorkFactor"] = "4",
            ["Failkit:Drills:PollInterval"] = options.PollInterval.ToString("c", CultureInfo.InvariantCulture),
            ["Logging:LogLevel:Default"] = "Warning",
        };
        var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            // The testing manifest that points a test project at the host's folder is not generated for a console.
            web.UseSolutionRelativeContentRoot("host/Failkit.Host");
            foreach (var (key, value) in settings)
            {
                web.UseSetting(key, value);
            }
        });
        factory.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        factory.StartServer();
        var address = factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new BenchPlane(cluster, factory, new Uri(address.TrimEnd('/') + "/"));
    }

    private T Get<T>()
        where T : notnull => _factory.Services.GetRequiredService<T>();

    /// <summary>A Sim account limited only on RunInstances (burst 1, the floor); every other operation unlimited,
    /// so what the floor does not model does not stand between the drill and it.</summary>
    public async Task<(Guid Id, JsonObject Settings)> SimAccountAsync(BenchOptions options)
    {
        var settings = new JsonObject
        {
            ["seed"] = options.Seed,
            ["timeScale"] = options.TimeScale,
            ["rateLimits"] = new JsonObject
            {
                ["RunInstances"] = new JsonObject { ["perSecond"] = options.RunInstancesPerSecond, ["burst"] = 1 },
                ["CreateDisk"] = null,
                ["DescribeInstances"] = null,
                ["RunCommand"] = null,
                ["DeleteResource"] = null,
                ["DescribeResources"] = null,
            },
        };
        var account = await Get<CloudAccountStore>().CreateAsync(new CloudAccountInput($"sim-{Guid.NewGuid():N}", CloudKind.Sim, "sim-1",
            new DrillNetwork("drill-net", "drill-subnet"), new Dictionary<string, string> { ["small"] = "sim.small" }, null, settings, null), CancellationToken.None);
        // As the store hands it to the sim: parsed JSON, whose numbers read as any numeric type.
        return (account.Id, JsonNode.Parse(settings.ToJsonString())!.AsObject());
    }

    /// <summary>A group with the plan's VMs (wave = position in the plan, from 1), one disk, an HTTP and a TCP probe each,
    /// and a recovery point per disk taken ten minutes ago.</summary>
    public async Task<Guid> GroupAsync(Guid accountId, IReadOnlyList<IReadOnlyList<string>> plan)
    {
        var prefix = Guid.NewGuid().ToString("N")[..8];
        var vms = plan.SelectMany((names, w) => names.Select(n => new ProtectedVm(n, w + 1, "small", [new VmDisk($"{prefix}-{n}-os", 8L << 30)],
            [new ProbeSpec("web", ProbeKind.Http, Url: "http://{address}/health"), new ProbeSpec("ssh", ProbeKind.Tcp, Port: 22)]))).ToList();
        var group = await Get<ProtectionGroupStore>().CreateAsync(new ProtectionGroupInput($"bench-{prefix}", accountId, 600, 60, null, null, vms), null, CancellationToken.None);
        var points = Get<RecoveryPointStore>();
        var at = DateTimeOffset.UtcNow.AddMinutes(-10);
        foreach (var disk in vms.SelectMany(v => v.Disks))
        {
            await points.RecordAsync(new RecoveryPointReport(disk.Name, $"p-{Guid.NewGuid():N}", at, 1 << 20, 1 << 20, 1 << 20, 1, new string('a', 64), 12.5, "bench",
                DateTimeOffset.UtcNow), CancellationToken.None);
        }

        return group.Id;
    }

    /// <summary>A bearer client of a new operator API client, made through the internal route as the management plane does.</summary>
    public async Task<HttpClient> ApiClientAsync()
    {
        using var anonymous = new HttpClient { BaseAddress = Url };
        using var create = new HttpRequestMessage(HttpMethod.Post, "internal/api-clients") { Content = JsonContent.Create(new { name = "drills bench", role = "operator" }) };
        create.Headers.Authorization = new AuthenticationHeaderValue("PlaneKey", PlaneKey);
        var created = await (await anonymous.SendAsync(create)).EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>();
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = created.GetProperty("clientId").GetString()!,
            ["client_secret"] = created.GetProperty("clientSecret").GetString()!,
        });
        var token = await anonymous.PostAsync(new Uri("connect/token", UriKind.Relative), form);
        var access = (await token.EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>()).GetProperty("access_token").GetString();
        var client = new HttpClient { BaseAddress = Url, Timeout = TimeSpan.FromMinutes(2) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", access);
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        await _factory.DisposeAsync();
        await _cluster.DisposeAsync();
        try
        {
            if (Directory.Exists(_cluster.DataDirectory))
            {
                Directory.Delete(_cluster.DataDirectory, recursive: true);
            }
        }
        catch (IOException ex)
        {
            Console.Error.WriteLine($"Could not delete {_cluster.DataDirectory}: {ex.Message}");
        }
    }
}
