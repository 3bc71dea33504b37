using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Failkit.Management.Tests.Fixtures;

/// <summary>Keeps the body of every request the management server received, through a startup filter, so the
/// fixture's pipeline stays the production one.</summary>
public sealed class RequestCapture : IStartupFilter
{
    public ConcurrentQueue<(string Path, byte[] Body)> Received { get; } = new();

    public static RequestCapture AddTo(IServiceCollection services)
    {
        var capture = new RequestCapture();
        services.AddSingleton<IStartupFilter>(capture);
        return capture;
    }

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use(async (context, nextMiddleware) =>
        {
            context.Request.EnableBuffering();
            using var copy = new MemoryStream();
            await context.Request.Body.CopyToAsync(copy);
            context.Request.Body.Position = 0;
            Received.Enqueue((context.Request.Path.Value ?? "", copy.ToArray()));
            await nextMiddleware(context);
        });
        next(app);
    };
}
