using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Failkit.Tenancy;

/// <summary>Guards a tenant plane's <c>/internal/</c> routes: only a caller presenting this plane's own key
/// (<see cref="PlaneKeys.ConfigurationKey"/>) gets through; anyone else gets 401 and a log line.</summary>
public sealed class PlaneKeyEndpointFilter(IConfiguration configuration, ILogger<PlaneKeyEndpointFilter> log) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var http = context.HttpContext;
        var presented = PlaneKeys.FromAuthorizationHeader(http.Request.Headers.Authorization);
        if (!PlaneKeys.Matches(presented, configuration[PlaneKeys.ConfigurationKey]))
        {
            log.LogWarning("Internal route {Path} refused: {Reason}", http.Request.Path, presented is null ? "no plane key" : "wrong plane key");
            return Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Plane key required");
        }

        return await next(context);
    }
}

public static class PlaneKeyEndpointFilterExtensions
{
    /// <summary>Requires this plane's key on every endpoint of the builder.</summary>
    public static TBuilder RequirePlaneKey<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilterFactory((factory, next) =>
        {
            var filter = ActivatorUtilities.CreateInstance<PlaneKeyEndpointFilter>(factory.ApplicationServices);
            return ctx => filter.InvokeAsync(ctx, next);
        });
}
