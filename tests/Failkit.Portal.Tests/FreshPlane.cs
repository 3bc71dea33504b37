using System.Net;
using Failkit.Identity.Bootstrap;
using Failkit.Portal.GettingStarted;
using Failkit.Tenancy;
using Failkit.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Failkit.Portal.Tests;

/// <summary>A second tenant plane that nobody has signed into: no owner, no account, no group, no drill, on the
/// Professional tier (so SSO may be configured). The management plane's two calls (redeem the bootstrap link, mint an
/// agent token) are answered by fakes with the real contract's outcomes. It starts after <see cref="PortalHost"/> and
/// puts the environment back, so the shared host's settings stay as they were.</summary>
public sealed class FreshPlane : IAsyncLifetime
{
    public const string Slug = "fresh";
    public const string GoodToken = "good-bootstrap-token";

    private WebApplicationFactory<Program>? _factory;

    public Uri Url { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        var connectionString = TenantConnectionStrings.Scope(await TestPostgres.CreateDatabaseAsync("fresh"), TenantSlug.Parse(Slug));
        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings__Failkit"] = connectionString,
            ["Failkit__Tenant__Slug"] = Slug,
            ["Failkit__Tenant__Id"] = "id-" + Slug,
            ["Failkit__Tenant__Tier"] = "Professional",
            ["Failkit__Identity__BcryptWorkFactor"] = "4",
        };
        var saved = settings.Keys.ToDictionary(k => k, Environment.GetEnvironmentVariable);
        foreach (var (key, value) in settings)
        {
            Environment.SetEnvironmentVariable(key, value);
        }

        try
        {
            _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
            {
                web.ConfigureLogging(l => l.SetMinimumLevel(LogLevel.Warning));
                web.ConfigureTestServices(services =>
                {
                    services.AddSingleton<IBootstrapTokenRedeemer, FakeRedeemer>();
                    services.AddSingleton<IAgentEnrollmentTokens, FakeAgentTokens>();
                });
            });
            _factory.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
            _factory.StartServer();
        }
        finally
        {
            foreach (var (key, value) in saved)
            {
                Environment.SetEnvironmentVariable(key, value);
            }
        }

        Url = new Uri(_factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/') + "/");
    }

    public async ValueTask DisposeAsync()
    {
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }
    }

    public T Get<T>()
        where T : notnull => _factory!.Services.GetRequiredService<T>();

    /// <summary>The management plane's answer: this plane's tenant for the one good token (once), Unknown otherwise.</summary>
    private sealed class FakeRedeemer : IBootstrapTokenRedeemer
    {
        private int _spent;

        public Task<BootstrapRedemption> RedeemAsync(string token, CancellationToken ct) =>
            Task.FromResult(token == GoodToken && Interlocked.Exchange(ref _spent, 1) == 0
                ? BootstrapRedemption.For("id-" + Slug)
                : BootstrapRedemption.Refused(BootstrapFailure.Unknown));
    }

    private sealed class FakeAgentTokens : IAgentEnrollmentTokens
    {
        public Task<EnrollmentToken> MintAsync(CancellationToken ct) =>
            Task.FromResult(new EnrollmentToken($"agent-{Guid.NewGuid():N}", DateTimeOffset.UtcNow.AddMinutes(5), null));
    }
}
