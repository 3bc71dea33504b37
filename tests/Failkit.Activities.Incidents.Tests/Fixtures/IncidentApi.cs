using System.Security.Claims;
using System.Text.Encodings.Web;
using Failkit.Management;
using Failkit.Management.Incidents;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Failkit.Activities.Incidents.Tests.Fixtures;

/// <summary>The real incident endpoint group and status page on Kestrel (loopback), over the services of an
/// <see cref="IncidentHost"/> engine. A request with <c>X-Test-Role</c> is a signed-in principal of that role (the
/// platform's OAuth validation has tests of its own); without it, anonymous.</summary>
public sealed class IncidentApi : IAsyncDisposable
{
    private readonly WebApplication _app;

    private IncidentApi(WebApplication app) => _app = app;

    public HttpClient Client(string? role = null)
    {
        var client = new HttpClient { BaseAddress = new Uri(_app.Urls.First()) };
        if (role is not null)
        {
            client.DefaultRequestHeaders.Add(TestRoleAuthentication.Header, role);
        }

        return client;
    }

    public static async Task<IncidentApi> StartAsync(IncidentHost host)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Services.AddSingleton<TimeProvider>(host.Time);
        builder.Services.AddSingleton(host.Get<IncidentStore>());
        builder.Services.AddSingleton(host.Get<IncidentResponse>());
        builder.Services.AddSingleton(host.Get<IncidentAckTokens>());
        builder.Services.AddSingleton(host.Options);
        builder.Services.AddAuthentication(TestRoleAuthentication.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, TestRoleAuthentication>(TestRoleAuthentication.SchemeName, _ => { });
        builder.Services.AddAuthorizationBuilder().AddPolicy(ManagementAuthorization.PlatformOperatorPolicy,
            p => p.RequireRole(ManagementAuthorization.PlatformOperatorRole));
        builder.Services.AddProblemDetails();
        var app = builder.Build();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapIncidentEndpoints();
        await app.StartAsync();
        return new IncidentApi(app);
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private sealed class TestRoleAuthentication(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
        : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
    {
        public const string SchemeName = "TestRole";
        public const string Header = "X-Test-Role";

        protected override Task<AuthenticateResult> HandleAuthenticateAsync()
        {
            if (!Request.Headers.TryGetValue(Header, out var role))
            {
                return Task.FromResult(AuthenticateResult.NoResult());
            }

            var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, "client:ops"), new Claim(ClaimTypes.Role, role.ToString())], SchemeName);
            return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
        }
    }
}
