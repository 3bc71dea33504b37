using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Failkit.Testing;
using Microsoft.AspNetCore.Authentication;
using Failkit.Identity.Sessions;
using Failkit.Identity.Users;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Failkit.Studio.Tests;

/// <summary>The real tenant plane (<c>Program</c>) on a loopback Kestrel port over a fresh PostgreSQL database. The
/// only test-only piece is <c>/test/sign-in?role=</c>, which signs a user of that role in with the identity module's
/// session cookie without the password form.</summary>
public sealed class StudioHost : IAsyncLifetime
{
    /// <summary>Short, so the browser tests see the page renew its token at least once (after 30 s), with room for a
    /// token request that waits seconds for a loaded machine.</summary>
    public static readonly TimeSpan TokenLifetime = TimeSpan.FromSeconds(45);

    private WebApplicationFactory<Program>? _factory;

    public Uri Url { get; private set; } = null!;

    public string ConnectionString { get; private set; } = "";

    public IServiceProvider Services => _factory!.Services;

    public async ValueTask InitializeAsync()
    {
        ConnectionString = await TestPostgres.CreateDatabaseAsync("studio");
        // Program reads these before it builds the app, so they go where the real host reads them: the environment.
        Environment.SetEnvironmentVariable("ConnectionStrings__Failkit", ConnectionString);
        Environment.SetEnvironmentVariable("Failkit__Studio__TokenLifetime", TokenLifetime.ToString());
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            web.ConfigureLogging(l => l.SetMinimumLevel(LogLevel.Warning));
            web.ConfigureTestServices(services => services.AddSingleton<IStartupFilter, SignInEndpoint>());
        });
        // A free loopback port: tests of other projects run at the same time.
        _factory.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        _factory.StartServer();
        var address = _factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Url = new Uri(address.TrimEnd('/') + "/");
        await WaitForBuiltInsAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }
    }

    /// <summary>A client signed in with <paramref name="role"/> whose every API call carries a fresh studio token from
    /// <c>POST /studio/token</c>, exactly as the pages get theirs.</summary>
    public async Task<HttpClient> ApiClientAsync(string role)
    {
        var session = new HttpClient(new HttpClientHandler { CookieContainer = new(), UseCookies = true, AllowAutoRedirect = false }) { BaseAddress = Url };
        var signIn = await session.GetAsync(new Uri($"test/sign-in?role={role}", UriKind.Relative));
        Assert.True(signIn.IsSuccessStatusCode, $"sign-in at {Url}: {signIn.StatusCode}");
        return new HttpClient(new StudioTokenHandler(session)) { BaseAddress = new Uri(Url, "elsa/api/") };
    }

    private async Task WaitForBuiltInsAsync()
    {
        using var api = await ApiClientAsync("owner");
        for (var i = 0; i < 100; i++)
        {
            if ((await api.GetAsync(new Uri("workflow-definitions/by-definition-id/failkit-example", UriKind.Relative))).IsSuccessStatusCode)
            {
                return;
            }

            await Task.Delay(100);
        }

        throw new InvalidOperationException("The built-in definitions were not published within 10 s.");
    }

    private sealed class StudioTokenHandler(HttpClient session) : DelegatingHandler(new HttpClientHandler())
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            using var tokenRequest = new HttpRequestMessage(HttpMethod.Post, "studio/token");
            tokenRequest.Headers.Add("X-Failkit-Studio", "1");
            var response = await session.SendAsync(tokenRequest, cancellationToken);
            Assert.True(response.IsSuccessStatusCode, $"token: {response.StatusCode} {await response.Content.ReadAsStringAsync(cancellationToken)}");
            var token = (await response.Content.ReadFromJsonAsync<JsonObject>(cancellationToken))!;
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", (string)token["accessToken"]!);
            return await base.SendAsync(request, cancellationToken);
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                session.Dispose();
            }

            base.Dispose(disposing);
        }
    }

    /// <summary>Signs a user of the given role in through the identity module's own session cookie: the real user
    /// store and cookie, with the password form skipped.</summary>
    private sealed class SignInEndpoint : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Map("/test/sign-in", signIn => signIn.Run(async context =>
            {
                var role = context.Request.Query["role"].ToString() is { Length: > 0 } r ? r : "owner";
                var users = context.RequestServices.GetRequiredService<UserStore>();
                var email = $"{role}@example.test";
                var user = await users.FindByEmailAsync(email, context.RequestAborted)
                    ?? await users.CreateAsync(email, role, null, context.RequestAborted)
                    ?? await users.FindByEmailAsync(email, context.RequestAborted);
                await context.SignInAsync(CookieSessions.Scheme, Principals.ForUser(user!, CookieSessions.Scheme));
                var returnUrl = context.Request.Query["ReturnUrl"].ToString();
                if (returnUrl.StartsWith('/'))
                {
                    context.Response.Redirect(returnUrl);
                }
            }));
            next(app);
        };
    }
}
