using Failkit.Activities.Incidents;
using Failkit.Activities.Notifications;
using Failkit.OperatorConsole;
using Failkit.Host.Embedded;
using Failkit.Host.Hosting;
using Failkit.Host.Transport;
using Failkit.Management;
using Failkit.Management.Endpoints;
using Failkit.Management.Incidents;
using Failkit.Management.Onboarding;
using Failkit.Management.OAuth;
using Failkit.Management.Planes;
using Failkit.Management.Reports;
using Failkit.Orchestration;
using Failkit.Workflows.Persistence;
using Failkit.Workflows.Runtime;

namespace Failkit.Host.Management;

/// <summary>The management plane: the tenant registry, bootstrap tokens, the internal CA, the platform-operator API
/// behind OAuth client credentials, the workflow engine (onboarding is a workflow) on the management database, the
/// local orchestrator of tenant planes, the gateway on the public URLs, and the operator console at <c>/console</c>.</summary>
public static class ManagementPlaneExtensions
{
    public static WebApplicationBuilder AddFailkitManagementPlane(this WebApplicationBuilder builder, EmbeddedDatabase database)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(database);
        var config = builder.Configuration;
        var settings = ManagementPlaneSettings.Resolve(config, builder.Environment);
        var plainHttp = !TransportSecurity.HasCertificate(config);
        if (plainHttp)
        {
            TransportSecurity.RequireLoopbackForPlainHttp(settings.PublicUrls);
        }

        // The management endpoints listen on loopback only; the public URLs are the gateway's. An explicit listener
        // replaces the configured URLs for this application (Kestrel says so in one log line).
        var agentUrl = AgentListener.Resolve(config, settings);
        var agentCertificate = TransportSecurity.HasCertificate(config)
            ? TransportSecurity.LoadCertificate(config)
            : AgentListener.LoadOrCreateCertificate(settings);
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.Listen(System.Net.IPAddress.Loopback, settings.InternalUrl.Port);
            AgentListener.Listen(k, agentUrl, agentCertificate);
        });
        builder.Services.AddSingleton(settings);
        builder.Services.AddSingleton(new AgentEndpointInfo(agentUrl, AgentListener.CertificatePath(settings)));
        builder.Services.AddFailkitManagement(o =>
        {
            o.ConnectionString = database.ConnectionString;
            o.AdminConnectionString = database.AdminConnectionString;
            o.KeyRingDirectory = config["Failkit:Management:KeyRingDirectory"] ?? Path.Combine(settings.StateDirectory, "keys", "management");
            o.TenantKeyRingRoot = config["Failkit:Management:TenantKeyRingRoot"] ?? Path.Combine(settings.StateDirectory, "keys", "tenants");
            o.PublicUrl = settings.PublicUrl;
            o.InternalUrl = settings.InternalUrl;
            foreach (var (key, value) in config.GetSection("Failkit:TenantPlane").AsEnumerable(makePathsRelative: true).Where(kv => kv.Value is not null))
            {
                o.TenantPlaneSettings[key] = value!;
            }

            // The portal's first-run checklist prints the same enroll command as ./failkit enroll-token.
            o.TenantPlaneSettings.TryAdd("Failkit:Agent:Url", agentUrl.AbsoluteUri.TrimEnd('/'));
            if (!TransportSecurity.HasCertificate(config))
            {
                o.TenantPlaneSettings.TryAdd("Failkit:Agent:ServerCa", AgentListener.CertificatePath(settings));
            }

            // With no relay for tenant planes their mail lands in this plane's outbox, so one folder holds every email
            // (bootstrap, drill, incident): docs/decisions/notifications-demo-mail.md.
            if (string.IsNullOrEmpty(config["Failkit:Notifications:Smtp:Host"]) && !o.TenantPlaneSettings.ContainsKey("Failkit:Notifications:Smtp:Host"))
            {
                o.TenantPlaneSettings.TryAdd("Failkit:Notifications:Smtp:OutboxDirectory",
                    config["Failkit:Notifications:Smtp:OutboxDirectory"] ?? Path.Combine(settings.StateDirectory, "outbox"));
            }
        });
        // Agent reports reach the tenant's own plane (docs/decisions/protection-report-forwarding.md).
        builder.Services.AddSingleton<IPlaneKeyProvider>(sp => sp.GetRequiredService<TenantCredentials>());
        // Tenants onboarded by an older build get this build's schemas when their planes are restored.
        builder.Services.AddSingleton<ITenantSchemaUpgrade, Failkit.Activities.Tenancy.TenantSchemas>();
        builder.Services.AddRecoveryPointForwarding();
        builder.Services.AddFailkitPlatformOAuth(database.ConnectionString, allowPlainHttp: plainHttp);
        builder.Services.AddAuthorization();
        builder.Services.AddFailkitConsole();
        // The console's MudBlazor and Blazor files: an unpublished build (./failkit up, the tests) serves them from the
        // build's static web assets manifest in every environment, not only in Development; a published app has none.
        builder.WebHost.UseStaticWebAssets();
        builder.Services.AddFailkitPostgres(database.ConnectionString);
        builder.Services.AddFailkitWorkflows(w =>
        {
            w.Triggers.ConnectionString = database.ConnectionString;
            w.Options.Workers = config.GetValue("Failkit:Workers", 2);
            w.ForRole(management: true);
        });
        // Mail goes to the configured relay, or to the outbox folder under the state directory (embedded mode).
        builder.Services.AddFailkitNotifications(database.ConnectionString, config, o =>
            o.Smtp.OutboxDirectory ??= Path.Combine(settings.StateDirectory, "outbox"));
        builder.Services.AddFailkitIncidents(config);
        builder.Services.Insert(0, ServiceDescriptor.Singleton<IHostedService>(new NotificationsSchemaMigration(database.ConnectionString)));
        builder.Services.AddSingleton<IBootstrapLinkDelivery, EmailBootstrapLinkDelivery>();
        builder.Services.AddSingleton<IOrchestrator>(sp => new LocalOrchestrator(
            new LocalOrchestratorOptions { HealthTimeout = TimeSpan.FromSeconds(config.GetValue("Failkit:TenantPlane:HealthTimeoutSeconds", 90)) },
            sp.GetRequiredService<ILogger<LocalOrchestrator>>()));
        builder.Services.AddHostedService<BuiltInDefinitions>();
        builder.Services.AddHostedService<GatewayServer>();
        builder.Services.AddHostedService<ManagementPlaneStartup>();
        return builder;
    }

    public static WebApplication MapFailkitManagementPlane(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseAuthentication();
        app.UseAuthorization();
        // The console's forms; the JSON routes take no form and bearer tokens, so they are not affected.
        app.UseAntiforgery();
        app.MapPlatformTokenEndpoint();
        app.MapTenantAdminEndpoints();
        app.MapAgentEndpoints();
        app.MapInternalEndpoints();
        app.MapIncidentEndpoints();
        app.MapGet("/health", () => TypedResults.Ok(new HostEndpoints.HealthReport("ok", "management", app.Services.GetRequiredService<EmbeddedDatabase>().IsEmbedded)))
            .WithName("ManagementHealth").AllowAnonymous();
        app.MapFailkitConsole();
        return app;
    }
}
