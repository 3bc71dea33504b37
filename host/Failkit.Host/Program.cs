using Failkit.Host.Embedded;
using Failkit.Host.Hosting;
using Failkit.Studio;
using Failkit.Workflows.Api;

var builder = WebApplication.CreateBuilder(args);
EmbeddedDatabase? database = null;
try
{
    database = await EmbeddedDatabase.ResolveAsync(builder.Configuration, builder.Environment);
    builder.Services.AddSingleton(database);
    builder.AddFailkitTenantPlane(database.ConnectionString);
    builder.Services.AddFailkitStudio(builder.Configuration);

    var app = builder.Build();
    app.MapElsaApi("/elsa/api").RequireStudioToken();
    app.MapFailkitStudio();
    app.MapHostEndpoints();
    await app.RunAsync();
    return 0;
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
