using Failkit.Host.Disclosure;
using Failkit.Host.Embedded;
using Failkit.Host.Hosting;
using Failkit.Host.Management;
using Failkit.Host.Transport;

var builder = WebApplication.CreateBuilder(args);
EmbeddedDatabase? database = null;
try
{
    // One binary, two roles (docs/decisions/management-role-switch.md): Failkit:Role = management | tenant (default).
    var management = HostRole.IsManagement(builder.Configuration);
    builder.AddFailkitTransportSecurity();
    database = await EmbeddedDatabase.ResolveAsync(builder.Configuration, builder.Environment,
        management ? EmbeddedDatabase.ManagementDatabaseName : EmbeddedDatabase.TenantDatabaseName);
    builder.Services.AddSingleton(database);
    if (management)
    {
        builder.AddFailkitManagementPlane(database);
    }
    else
    {
        builder.AddFailkitTenantPlane(database.ConnectionString);
    }

    var app = builder.Build();
    app.UseFailkitTransportSecurity();
    app.MapSecurityDisclosure();
    if (management)
    {
        app.MapFailkitManagementPlane();
    }
    else
    {
        app.MapFailkitTenantPlane();
    }

    await app.RunAsync();
    return Environment.ExitCode;
}
catch (Exception ex) when (ex is not OperationCanceledException)
{
    Console.Error.WriteLine($"Failkit failed to start: {ex.Message}");
    return 1;
}
finally
{
    if (database is not null)
    {
        await database.StopAsync();
    }
}

/// <summary>Entry point; public so test hosts can reference the assembly.</summary>
public partial class Program;
