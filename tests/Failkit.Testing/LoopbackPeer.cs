using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;

namespace Failkit.Testing;

/// <summary>The in-memory test server has no socket, so no client address. In production a plane is reached from the
/// gateway over loopback (embedded) with <c>X-Forwarded-For</c>; this gives requests that loopback peer.</summary>
public sealed class LoopbackPeer : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use((context, following) =>
        {
            context.Connection.RemoteIpAddress ??= IPAddress.Loopback;
            return following(context);
        });
        next(app);
    };
}
