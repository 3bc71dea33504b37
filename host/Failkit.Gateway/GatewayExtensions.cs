using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Yarp.ReverseProxy.Configuration;

namespace Failkit.Gateway;

public static class GatewayExtensions
{
    /// <summary>The route table, the YARP config it feeds, and the proxy itself.</summary>
    public static IServiceCollection AddFailkitGateway(this IServiceCollection services, Action<GatewayOptions>? configure = null)
    {
        services.AddOptions<GatewayOptions>().Configure(o => configure?.Invoke(o));
        // A host may register its own table first (one backed by the tenant registry); this is the in-memory default.
        services.TryAddSingleton<ITenantRouteTable, TenantRouteTable>();
        services.AddSingleton<IProxyConfigProvider, TenantProxyConfigProvider>();
        // YARP's default transforms then set X-Forwarded-For/Proto/Host/Prefix from this request, replacing nothing
        // the client sent because GatewayMiddleware has already removed it.
        services.AddReverseProxy();
        return services;
    }

    /// <summary>Header hygiene and host check first, then routing to the planes; anything unmatched is a 404.</summary>
    public static WebApplication UseFailkitGateway(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseMiddleware<GatewayMiddleware>();
        app.UseRouting();
        app.MapReverseProxy();
        app.MapFallback(GatewayMiddleware.NotFoundAsync);
        return app;
    }
}
