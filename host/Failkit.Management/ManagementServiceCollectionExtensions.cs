using Failkit.Gateway;
using Failkit.Management.Ca;
using Failkit.Management.Onboarding;
using Failkit.Management.Planes;
using Failkit.Management.Reports;
using Failkit.Management.Secrets;
using Failkit.Management.Tenants;
using Failkit.Management.Tokens;
using Failkit.Tenancy;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Failkit.Management;

public static class ManagementServiceCollectionExtensions
{
    /// <summary>Registers the tenant registry, bootstrap tokens, the internal CA, the default report sink (the
    /// <c>agent_reports</c> log; register another <see cref="IRecoveryPointSink"/> first to replace it), the
    /// <c>platform-operator</c> policy, and what onboarding and the tenant planes' lifecycle use: the management
    /// secret, per-tenant credentials and key rings, the provisioner, the route table and the bootstrap-link delivery.
    /// The host adds the workflow system, an <see cref="Failkit.Orchestration.IOrchestrator"/> and authentication.</summary>
    public static IServiceCollection AddFailkitManagement(this IServiceCollection services, Action<ManagementOptions> configure)
    {
        var options = new ManagementOptions();
        configure(options);
        if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            throw new ArgumentException("ManagementOptions.ConnectionString is required", nameof(configure));
        }

        services.AddSingleton(options);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<ManagementDatabase>();
        services.AddSingleton<TenantRegistry>();
        services.AddSingleton<BootstrapTokens>();
        services.AddSingleton<InternalCa>();
        services.TryAddSingleton<IRecoveryPointSink, PostgresRecoveryPointSink>();
        services.AddSingleton<ManagementSecret>();
        services.AddSingleton<TenantCredentials>();
        services.AddSingleton<TenantKeyRings>();
        services.AddSingleton<TenantPlanes>();
        services.AddSingleton<TenantOnboarding>();
        services.AddSingleton<OwnerBootstrapLinks>();
        services.AddSingleton<Incidents.IncidentStore>();
        services.AddSingleton<Incidents.IncidentAckTokens>();
        services.AddSingleton<Incidents.IncidentResponse>();
        services.TryAddSingleton<Incidents.IncidentOptions>();
        services.TryAddSingleton<Incidents.ITenantContacts>(sp => new Incidents.PlaneTenantContacts(
            sp.GetRequiredService<Orchestration.IOrchestrator>(), sp.GetRequiredService<TenantCredentials>(), new HttpClient { Timeout = TimeSpan.FromSeconds(30) }));
        services.TryAddSingleton<ITenantRouteTable, TenantRouteTable>();
        services.TryAddSingleton<ConsoleBootstrapLinkDelivery>();
        services.TryAddSingleton<IBootstrapLinkDelivery>(sp => sp.GetRequiredService<ConsoleBootstrapLinkDelivery>());
        services.AddSingleton(_ => new TenantDatabaseProvisioner(options.AdminConnectionString
            ?? throw new InvalidOperationException("ManagementOptions.AdminConnectionString is not set, so tenant databases cannot be provisioned.")));
        services.AddHostedService<ManagementStartup>();
        services.AddProblemDetails();
        services.AddAuthorizationBuilder().AddPolicy(ManagementAuthorization.PlatformOperatorPolicy,
            policy => policy.RequireAuthenticatedUser().RequireRole(ManagementAuthorization.PlatformOperatorRole));

        var dataProtection = services.AddDataProtection().SetApplicationName("failkit-management");
        if (options.KeyRingDirectory is { } dir)
        {
            // Embedded mode: the ring is a folder on disk. Production persists it elsewhere and wraps it with a KMS key.
            dataProtection.PersistKeysToFileSystem(new DirectoryInfo(dir));
        }

        return services;
    }
}
