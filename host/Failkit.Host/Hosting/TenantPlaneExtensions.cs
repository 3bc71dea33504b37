using System.Reflection;
using Failkit.Activities.Drills;
using Failkit.Activities.Notifications;
using Failkit.Drills;
using Failkit.Evidence;
using Failkit.Identity;
using Failkit.Identity.Sessions;
using Failkit.Identity.Users;
using Failkit.Management.Incidents;
using Failkit.Portal;
using Failkit.Protection;
using Failkit.Sso;
using Failkit.Studio;
using Failkit.Workflows.Api;
using Failkit.Workflows.Persistence;
using Failkit.Workflows.Runtime;

namespace Failkit.Host.Hosting;

/// <summary>The tenant plane: one process bound to one tenant database, running the workflow system behind the
/// tenant's identity (sessions, API clients, roles).</summary>
public static class TenantPlaneExtensions
{
    public static WebApplicationBuilder AddFailkitTenantPlane(this WebApplicationBuilder builder, string connectionString)
    {
        var config = builder.Configuration;
        // The portal's MudBlazor and Blazor files: an unpublished build (./failkit up) serves them from the build's
        // static web assets manifest in every environment, not only in Development; a published app has none.
        builder.WebHost.UseStaticWebAssets();
        // A plane onboarded by the management plane connects as its tenant's application role, which may not change
        // the schema: the onboarding migrated it as the owner (Quartz's tables included) and says so with this key.
        var migrate = config.GetValue("Failkit:Database:Migrate", true);
        builder.Services.AddFailkitPostgres(connectionString, o => o.MigrateOnStartup = migrate);
        builder.Services.AddFailkitWorkflows(w =>
        {
            w.Triggers.ConnectionString = connectionString;
            w.Triggers.ProvisionSchema = migrate;
            w.Options.Workers = config.GetValue("Failkit:Workers", 2);
            w.ForRole(management: false);
            // Off only for hosts that must not fire cron triggers, e.g. test planes sharing one tenant database.
            w.RunTriggers = config.GetValue("Failkit:RunTriggers", true);
            foreach (var path in config.GetSection("Failkit:ActivityAssemblies").Get<string[]>() ?? [])
            {
                // Extra activity assemblies (e.g. the test kit) are loaded by path; production activities sit next to the host.
                w.AddActivitiesFrom(Assembly.LoadFrom(Path.GetFullPath(path)));
            }
        });
        builder.Services.AddElsaApi();
        builder.AddFailkitIdentity(connectionString);
        builder.Services.AddHostedService(sp => new TenantSchemaMigrations(config, connectionString));
        builder.Services.AddFailkitProtection(connectionString);
        builder.AddTenantKeyRing();
        builder.Services.AddFailkitDrills(o =>
        {
            o.PollInterval = config.GetValue("Failkit:Drills:PollInterval", o.PollInterval);
            o.SchedulerInterval = config.GetValue("Failkit:Drills:SchedulerInterval", o.SchedulerInterval);
            o.SupervisorInterval = config.GetValue("Failkit:Drills:SupervisorInterval", o.SupervisorInterval);
        });
        builder.Services.AddFailkitEvidence(o =>
        {
            o.TenantId = EvidenceOptions.TenantIdOf(config["Failkit:Tenant:Id"]);
            o.TenantSlug = config["Failkit:Tenant:Slug"] ?? o.TenantSlug;
            o.Tier = config["Failkit:Tenant:Tier"] ?? o.Tier;
            o.SweepInterval = config.GetValue("Failkit:Evidence:SweepInterval", o.SweepInterval);
        });
        builder.Services.AddFailkitClouds();
        // Mail goes to the configured relay, or to an outbox folder of .eml files (embedded mode sets one).
        builder.Services.AddFailkitNotifications(connectionString, config, o =>
            o.Smtp.OutboxDirectory ??= Path.Combine(builder.Environment.ContentRootPath, ".failkit", "outbox"));
        builder.Services.AddSingleton<IAttachmentSource, DrillReportAttachments>();
        builder.Services.AddSingleton<IRecipientDirectory>(sp => new IdentityRecipientDirectory(sp.GetRequiredService<UserStore>(), config["Failkit:Tenant:ContactEmail"]));
        builder.Services.AddSingleton(sp => new TenantNoticeStore(connectionString, sp.GetRequiredService<TimeProvider>()));
        builder.Services.AddSingleton(sp => new TenantWebhookStore(connectionString,
            sp.GetRequiredService<Microsoft.AspNetCore.DataProtection.IDataProtectionProvider>(), sp.GetRequiredService<TimeProvider>()));
        builder.Services.AddSingleton<TenantWebhooks>();
        builder.Services.AddFailkitSso(o =>
        {
            o.ConnectionString = connectionString;
            o.Tier = config["Failkit:Tenant:Tier"] ?? o.Tier;
            o.PublicUrl = config["Failkit:Tenant:PublicUrl"] is { Length: > 0 } url ? new Uri(url) : null;
        });
        builder.Services.AddScoped<ISsoSignIn, SsoSignInBridge>();
        builder.Services.AddSingleton<ILoginProviders, SsoLoginProviders>();
        builder.Services.AddFailkitStudio(config);
        builder.Services.Configure<StudioOptions>(o => o.SessionScheme = CookieSessions.Scheme);
        // Studio tokens are bearer tokens of their own scheme; the identity's scheme selector routes them by prefix.
        builder.Services.AddSingleton(new BearerTokenRoute(StudioTokens.Prefix, StudioAuthorization.TokenScheme));
        builder.Services.AddFailkitPortal();
        // First, so it runs before the server starts listening (hosted services start in registration order).
        builder.Services.Insert(0, ServiceDescriptor.Singleton<IHostedService, EndpointWarmUp>());
        builder.Services.AddHostedService<BuiltInDefinitions>();
        builder.Services.AddHostedService<StartupReport>();
        return builder;
    }

    /// <summary>Every route of the tenant plane, each group behind the roles the matrix test lists.</summary>
    public static WebApplication MapFailkitTenantPlane(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        // Explicit order: a 401/403 from authorization (no body) leaves as RFC 7807 problem details.
        app.UseStatusCodePages();
        app.UseAuthentication();
        app.UseAuthorization();
        // The portal's interactive pages need it; the identity pages and the JSON API opt out and check their own way.
        app.UseAntiforgery();
        app.MapElsaApi("/elsa/api").RequireTenantRoles();
        app.MapFailkitIdentity();
        app.MapFailkitStudio();
        app.MapSsoLoginEndpoints().AllowAnonymous();
        app.MapSsoSettingsEndpoints().RequireAuthorization(Policies.Manage);
        app.MapRecoveryPointIntakeEndpoints();
        app.MapRecoveryPointEndpoints().RequireAuthorization(Policies.Read);
        app.MapDrillEndpoints(new DrillPolicies(Policies.Read, Policies.Operate, Policies.Manage));
        app.MapReportEndpoints(new EvidencePolicies(Policies.Read, Policies.Owner));
        app.MapTenantIncidentEndpoints();
        app.MapTenantWebhookEndpoints();
        app.MapHostEndpoints();
        app.MapFailkitPortal();
        return app;
    }
}
