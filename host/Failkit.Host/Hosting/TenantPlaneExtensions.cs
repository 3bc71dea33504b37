using System.Reflection;
using Failkit.Identity;
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
        // A provisioned tenant plane connects as the tenant's app role, which may not create tables: its schemas are
        // migrated by the provisioner, so it runs with Failkit:MigrateOnStartup=false.
        builder.Services.AddFailkitPostgres(connectionString, o => o.MigrateOnStartup = config.GetValue("Failkit:MigrateOnStartup", true));
        builder.Services.AddFailkitWorkflows(w =>
        {
            w.Triggers.ConnectionString = connectionString;
            w.Options.Workers = config.GetValue("Failkit:Workers", 2);
            // Quartz provisions its own tables, which the app role cannot; until the provisioner creates them a
            // tenant plane as the app role runs without cron triggers (Failkit:RunTriggers=false).
            w.RunTriggers = config.GetValue("Failkit:RunTriggers", true);
            foreach (var path in config.GetSection("Failkit:ActivityAssemblies").Get<string[]>() ?? [])
            {
                // Extra activity assemblies (e.g. the test kit) are loaded by path; production activities sit next to the host.
                w.AddActivitiesFrom(Assembly.LoadFrom(Path.GetFullPath(path)));
            }
        });
        builder.Services.AddElsaApi();
        builder.AddFailkitIdentity(connectionString);
        // First, so it runs before the server starts listening (hosted services start in registration order).
        builder.Services.Insert(0, ServiceDescriptor.Singleton<IHostedService, EndpointWarmUp>());
        builder.Services.AddHostedService<BuiltInDefinitions>();
        builder.Services.AddHostedService<StartupReport>();
        return builder;
    }
}
