using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Authentication;
using Failkit.Identity.Sessions;
using Failkit.Identity.Users;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Failkit.Studio.Bench;

/// <summary>The real tenant plane on a loopback port; <c>/bench/sign-in</c> signs an owner in with the identity module's
/// own session cookie, skipping only the password form.</summary>
public sealed class BenchHost : IAsyncDisposable
{
    private readonly WebApplicationFactory<Program> _factory;

    public BenchHost(string connectionString)
    {
        Environment.SetEnvironmentVariable("ConnectionStrings__Failkit", connectionString);
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            // The testing manifest that points a test project at the host's folder is not generated for a console.
            web.UseSolutionRelativeContentRoot("host/Failkit.Host");
            web.ConfigureLogging(l => l.SetMinimumLevel(LogLevel.Warning));
            web.ConfigureTestServices(services => services.AddSingleton<IStartupFilter, SignIn>());
        });
        // A free loopback port: tests of other projects run at the same time.
        _factory.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        _factory.StartServer();
        var address = _factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Url = new Uri(address.TrimEnd('/') + "/");
    }

    public Uri Url { get; }

    public async Task<HttpClient> ApiAsync()
    {
        var session = new HttpClient(new HttpClientHandler { CookieContainer = new() }) { BaseAddress = Url };
        (await session.GetAsync(new Uri("bench/sign-in", UriKind.Relative))).EnsureSuccessStatusCode();
        using var request = new HttpRequestMessage(HttpMethod.Post, "studio/token");
        request.Headers.Add("X-Failkit-Studio", "1");
        var token = (await (await session.SendAsync(request)).EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonObject>())!;
        var api = new HttpClient { BaseAddress = new Uri(Url, "elsa/api/") };
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", (string)token["accessToken"]!);
        return api;
    }

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
