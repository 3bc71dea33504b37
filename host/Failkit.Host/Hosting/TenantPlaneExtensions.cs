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
        builder.Services.AddFailkitPostgres(connectionString);
        builder.Services.AddFailkitWorkflows(w =>
        {
            w.Triggers.ConnectionString = connectionString;
            w.Options.Workers = config.GetValue("Failkit:Workers", 2);
            foreach (var path in config.GetSection("Failkit:ActivityAssemblies").Get<string[]>() ?? [])
            {
                // Extra activity assemblies (e.g. the test kit) are loaded by path; production activities sit next to the host.
                w.AddActivitiesFrom(Assembly.LoadFrom(Path.GetFullPath(path)));
            }
        });
        builder.Services.AddElsaApi();
        builder.AddFailkitIdentity(connectionString);
        builder.Services.AddHostedService<BuiltInDefinitions>();
        builder.Services.AddHostedService<StartupReport>();
        return builder;
    }
}
