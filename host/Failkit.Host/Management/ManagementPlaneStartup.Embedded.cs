using System.Net.Http.Json;
using System.Text.Json;
using Failkit.Management.OAuth;
using Failkit.Management.Onboarding;
using Failkit.Management.Planes;
using Failkit.Management.Tenants;
using Failkit.Orchestration;
using Failkit.Tenancy;

namespace Failkit.Host.Management;

public sealed partial class ManagementPlaneStartup
{
    public const string PlatformClientId = "failkit-platform-operator";

    private static readonly JsonSerializerOptions Indented = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    /// <summary>The demo tenant through the onboarding workflow (or reused: a second start finds it active and mints a
    /// fresh single-use link), the platform client, the demo API client, then the report.</summary>
    private async Task EmbeddedDemoAsync(CancellationToken ct)
    {
        var slug = config["Failkit:Embedded:DemoTenant"] ?? "demo";
        var registry = services.GetRequiredService<TenantRegistry>();
        var onboarding = services.GetRequiredService<TenantOnboarding>();
        var tenant = await registry.FindAsync(slug, ct);
        string? instanceId = null;
        if (tenant is null)
        {
            tenant = await registry.RegisterAsync(slug, TenantTier.Professional, $"owner@{slug}.localhost", ct)
                ?? throw new InvalidOperationException($"The demo tenant '{slug}' could not be registered.");
            instanceId = await onboarding.StartAsync(tenant, ct);
        }
        else if (tenant.Status == TenantStatus.Provisioning)
        {
            // An interrupted onboarding is resumed by the engine; a missing or faulted one is started anew, which is
            // safe because every step is idempotent.
            instanceId = tenant.OnboardingInstanceId;
            if (instanceId is null || (await onboarding.ProgressAsync(instanceId, ct))?.SubStatus is null or "Faulted")
            {
                instanceId = await onboarding.StartAsync(tenant, ct);
            }
        }
        else if (tenant.Status == TenantStatus.Active)
        {
            await services.GetRequiredService<OwnerBootstrapLinks>().SendAsync(tenant, ct: ct);
        }

        if (instanceId is not null)
        {
            var progress = await onboarding.WaitAsync(instanceId, TimeSpan.FromMinutes(5), ct);
            if (progress?.SubStatus != "Finished")
            {
                throw new InvalidOperationException($"Onboarding of '{slug}' ended {progress?.SubStatus}: {progress?.Fault}");
            }

            System.Console.WriteLine($"Tenant '{slug}' onboarded through the tenant-onboarding workflow (instance {instanceId}).");
        }

        var platform = await services.GetRequiredService<PlatformClients>().EnsureAsync(
            PlatformClientId, "Embedded platform operator", ["platform-operator"], ct);
        var (apiClient, apiProblem) = await CreateDemoApiClientAsync(slug, ct);
        await ReportAsync(slug, platform, apiClient, apiProblem, ct);
        if (config.GetValue("Failkit:Embedded:DemoDrill", true))
        {
            await RunDemoDrillAsync(slug, ct);
        }

        System.Console.WriteLine($"Failkit is ready: {settings.PublicUrl.AbsoluteUri.TrimEnd('/')}");
    }

    /// <summary>A drill of the demo tenant on the Sim cloud. A failure is reported and leaves the platform running:
    /// the demo is there to be looked at, including when it goes wrong.</summary>
    private async Task RunDemoDrillAsync(string slug, CancellationToken ct)
    {
        try
        {
            var endpoint = await services.GetRequiredService<IOrchestrator>().GetEndpointAsync(slug, ct)
                ?? throw new InvalidOperationException($"the plane of '{slug}' is not running");
            var key = await services.GetRequiredService<TenantCredentials>().PlaneKeyAsync(TenantSlug.Parse(slug), ct);
            using var http = new HttpClient { BaseAddress = endpoint, Timeout = TimeSpan.FromSeconds(30) };
            var smtp = services.GetRequiredService<Failkit.Activities.Notifications.SmtpOptions>();
            // Tenant planes share this outbox when no relay is configured (ManagementPlaneExtensions).
            var outbox = string.IsNullOrEmpty(smtp.Host) ? smtp.OutboxDirectory : null;
            await new DemoDrill(http, key, TimeProvider.System, settings.StateDirectory, slug, outbox).RunAsync(System.Console.Out, ct);
            System.Console.WriteLine("    (times are real seconds on the SIMULATED cloud, which runs real-cloud latencies 20 times faster)");
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            System.Console.WriteLine($"  Demo drill failed: {ex.Message}");
        }
    }

    /// <summary>Asks the demo plane for an API client with the operator role over the internal API. Fails soft: the
    /// report says why when the plane does not offer the route.</summary>
    private async Task<(ApiClient? Client, string? Problem)> CreateDemoApiClientAsync(string slug, CancellationToken ct)
    {
        if (await services.GetRequiredService<IOrchestrator>().GetEndpointAsync(slug, ct) is not { } endpoint)
        {
            return (null, $"the plane of '{slug}' is not running");
        }

        var key = await services.GetRequiredService<TenantCredentials>().PlaneKeyAsync(TenantSlug.Parse(slug), ct);
        using var http = new HttpClient { BaseAddress = endpoint, Timeout = TimeSpan.FromSeconds(30) };
        using var request = new HttpRequestMessage(HttpMethod.Post, "internal/api-clients")
        {
            Content = JsonContent.Create(new { name = "demo-automation", role = "operator" }),
        };
        request.Headers.Authorization = new(Failkit.Tenancy.PlaneKeys.Scheme, key);
        try
        {
            using var response = await http.SendAsync(request, ct);
            if (!response.IsSuccessStatusCode)
            {
                return (null, $"the demo plane answered {(int)response.StatusCode} to POST /internal/api-clients");
            }

            var client = await response.Content.ReadFromJsonAsync<ApiClient>(Indented, ct);
            return client is { ClientId.Length: > 0 } ? (client, null) : (null, "the demo plane's answer holds no client");
        }
        catch (HttpRequestException ex)
        {
            return (null, ex.Message);
        }
    }

    private async Task ReportAsync(string slug, PlatformClientSecret platform, ApiClient? apiClient, string? apiProblem, CancellationToken ct)
    {
        var url = settings.PublicUrl.AbsoluteUri.TrimEnd('/');
        var planes = services.GetRequiredService<TenantPlanes>();
        var tenantUrl = planes.PublicUrlOf(slug).AbsoluteUri.TrimEnd('/');
        var link = services.GetRequiredService<ConsoleBootstrapLinkDelivery>().Latest(slug)?.Link.AbsoluteUri;
        var platformClient = new ApiClient(platform.ClientId, platform.ClientSecret, url + PlatformOAuth.TokenPath);
        var agent = services.GetRequiredService<AgentEndpointInfo>();
        var state = new EmbeddedState(url, platformClient, new EmbeddedAgentEndpoint(agent.Url.AbsoluteUri.TrimEnd('/'), agent.ServerCertificatePath),
            new Dictionary<string, EmbeddedTenant>(StringComparer.Ordinal)
            {
                [slug] = new EmbeddedTenant(tenantUrl, link, apiClient),
            });
        var file = config["Failkit:StateFile"] ?? Path.Combine(settings.StateDirectory, "embedded.json");
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(file))!);
        await File.WriteAllTextAsync(file, JsonSerializer.Serialize(state, Indented), ct);
        if (!OperatingSystem.IsWindows())
        {
            // It holds client secrets: readable by this user only.
            File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        System.Console.WriteLine($"  Management:     {url}  (platform API {url}/platform/tenants)");
        System.Console.WriteLine($"  Platform client: {platform.ClientId} / {platform.ClientSecret}  (token URL {platformClient.TokenUrl})");
        System.Console.WriteLine($"  Console:        {url}/console  (the operator console; sign in with the platform client)");
        System.Console.WriteLine($"  Tenant '{slug}':    {tenantUrl}");
        System.Console.WriteLine($"  Bootstrap link: {link ?? "(none: the tenant is not active)"}  (single use, 5 minutes; a restart mints a fresh one)");
        System.Console.WriteLine($"  Studio:         {tenantUrl}/studio  (the runbook designer, after signing in)");
        System.Console.WriteLine(apiClient is null
            ? $"  API client not created: {apiProblem}"
            : $"  API client:     {apiClient.ClientId} / {apiClient.ClientSecret}  (token URL {apiClient.TokenUrl})");
        System.Console.WriteLine($"  Agents:         {state.Agent.Url}  (mTLS; ./failkit enroll-token {slug} prints the enroll command)");
        var smtp = services.GetRequiredService<Failkit.Activities.Notifications.SmtpOptions>();
        System.Console.WriteLine(string.IsNullOrEmpty(smtp.Host)
            ? $"  Mail outbox:    {smtp.OutboxDirectory}  (every email as an .eml file: the bootstrap email, drill and incident mail)"
            : $"  Mail relay:     {smtp.Host}:{smtp.Port}");
        System.Console.WriteLine($"  Written to:     {file}");
    }

    internal sealed record ApiClient(string ClientId, string ClientSecret, string TokenUrl);

    internal sealed record EmbeddedTenant(string Url, string? BootstrapLink, ApiClient? ApiClient);

    internal sealed record EmbeddedAgentEndpoint(string Url, string ServerCa);

    internal sealed record EmbeddedState(string ManagementUrl, ApiClient Platform, EmbeddedAgentEndpoint Agent, IReadOnlyDictionary<string, EmbeddedTenant> Tenants);
}
