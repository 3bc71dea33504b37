using System.Net;
using Failkit.Identity.Sessions;
using Failkit.Identity.Users;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Failkit.Portal.Bench;

/// <summary>The real tenant plane on a loopback port over the bench's database; <c>/bench/sign-in</c> signs an
/// owner in with the identity module's own session cookie, skipping only the password form. The drill supervisor is
/// slowed to once an hour so the hand-written running drill of section (b) is left alone.</summary>
public sealed class BenchHost : IAsyncDisposable
{
    private readonly WebApplicationFactory<Program> _factory;

    public BenchHost(string connectionString, string slug)
    {
        Environment.SetEnvironmentVariable("ConnectionStrings__Failkit", connectionString);
        Environment.SetEnvironmentVariable("Failkit__Tenant__Slug", slug);
        Environment.SetEnvironmentVariable("Failkit__Tenant__Id", "id-" + slug);
        Environment.SetEnvironmentVariable("Failkit__Drills__SupervisorInterval", "01:00:00");
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            // The testing manifest that points a test project at the host's folder is not generated for a console.
            web.UseSolutionRelativeContentRoot("host/Failkit.Host");
            web.ConfigureLogging(l => l.SetMinimumLevel(LogLevel.Warning));
            web.ConfigureTestServices(services => services.AddSingleton<IStartupFilter, SignIn>());
        });
        _factory.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        _factory.StartServer();
        var address = _factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Url = new Uri(address.TrimEnd('/') + "/");
    }

    public Uri Url { get; }

    public T Get<T>()
        where T : notnull => _factory.Services.GetRequiredService<T>();

    public async ValueTask DisposeAsync() => await _factory.DisposeAsync();

    private sealed class SignIn : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Map("/bench/sign-in", b => b.Run(async context =>
            {
                var users = context.RequestServices.GetRequiredService<UserStore>();
                const string email = "bench@example.test";
                var user = await users.FindByEmailAsync(email, context.RequestAborted)
                    ?? await users.CreateAsync(email, "owner", null, context.RequestAborted)
                    ?? await users.FindByEmailAsync(email, context.RequestAborted);
                await context.SignInAsync(CookieSessions.Scheme, Principals.ForUser(user!, CookieSessions.Scheme));
            }));
            next(app);
        };
    }
}
