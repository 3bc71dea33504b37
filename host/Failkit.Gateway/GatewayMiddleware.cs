using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Failkit.Gateway;

/// <summary>Runs before routing. It drops every forwarding header a client sent (only the gateway's own
/// X-Forwarded-* reach a plane), then answers 404 for any host that is not the domain or an active tenant's, and for
/// the planes' internal API (<c>/internal/*</c>, any case), which planes call directly and never through here.
/// The table is consulted per request, so a suspension takes effect before the proxy config is even rebuilt.</summary>
public sealed class GatewayMiddleware(RequestDelegate next, ITenantRouteTable table, IOptions<GatewayOptions> options)
{
    /// <summary>Headers through which a client could claim another host, scheme, address or path.</summary>
    public static readonly IReadOnlyList<string> ClientForwardingHeaders =
    [
        "Forwarded", "X-Forwarded-Host", "X-Forwarded-For", "X-Forwarded-Proto", "X-Forwarded-Prefix", "X-Forwarded-Port",
        "X-Forwarded-Server", "X-Original-Host", "X-Original-For", "X-Original-Proto", "X-Original-URL", "X-Rewrite-URL",
        "X-Host", "X-Real-IP", "X-HTTP-Host-Override",
    ];

    public static readonly PathString InternalPath = new("/internal");

    public async Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        foreach (var header in ClientForwardingHeaders)
        {
            context.Request.Headers.Remove(header);
        }

        var gateway = options.Value;
        var target = GatewayHost.Parse(context.Request.Host.Host, gateway.Domain, out var slug);
        var served = target switch
        {
            GatewayTarget.Management => gateway.ManagementEndpoint is not null,
            GatewayTarget.Tenant => table.Find(slug!) is { Status: TenantRouteStatus.Active },
            _ => false,
        };

        if (served && !context.Request.Path.StartsWithSegments(InternalPath, StringComparison.OrdinalIgnoreCase))
        {
            await next(context);
            return;
        }

        await NotFoundAsync(context);
    }

    /// <summary>The same answer for unknown, suspended and malformed: nothing tells tenants apart.</summary>
    public static Task NotFoundAsync(HttpContext context) =>
        Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found",
            detail: "No tenant is served at this address.").ExecuteAsync(context);
}
