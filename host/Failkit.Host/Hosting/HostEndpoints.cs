using Failkit.Host.Embedded;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Failkit.Host.Hosting;

public static class HostEndpoints
{
    public static IEndpointRouteBuilder MapHostEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/health", Health).WithName("Health");
        return app;
    }

    private static Ok<HealthReport> Health(EmbeddedDatabase database) =>
        TypedResults.Ok(new HealthReport("ok", "tenant", database.IsEmbedded));

    public sealed record HealthReport(string Status, string Role, bool EmbeddedDatabase);
}
