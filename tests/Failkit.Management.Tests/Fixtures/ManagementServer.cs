using System.Net;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Failkit.Management.Endpoints;
using Failkit.Testing;
using Failkit.Workflows.Runtime;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Failkit.Management.Tests.Fixtures;

/// <summary>A real Kestrel on 127.0.0.1 with HTTPS that asks for client certificates, the production registration
/// over a fresh database, both endpoint groups, and the test operator authentication.</summary>
public sealed class ManagementServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly X509Certificate2 _tlsCa;
    private readonly string _keyRing;

    private ManagementServer(WebApplication app, X509Certificate2 tlsCa, string url, string connectionString, string keyRing)
    {
        _keyRing = keyRing;
        _app = app;
        _tlsCa = tlsCa;
        Url = url;
        ConnectionString = connectionString;
    }

    public string Url { get; }

    public string ConnectionString { get; }

    public IServiceProvider Services => _app.Services;

    /// <param name="services">Registrations after the production ones, e.g. another report sink.</param>
    public static async Task<ManagementServer> StartAsync(Action<IServiceCollection>? services = null)
    {
        var connectionString = await TestPostgres.CreateDatabaseAsync("mgmt");
        var admin = await TestPostgres.AdminConnectionStringAsync();
        var keyRing = Path.Combine(Path.GetTempPath(), "failkit-mgmt-tests", Guid.NewGuid().ToString("N"));
        var (tlsCa, tlsCaKey) = TlsCertificates.CreateCa("management TLS test CA");
        var serverCert = TlsCertificates.IssueServerCertificate(tlsCa);
        tlsCaKey.Dispose();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0, l => l.UseHttps(https =>
        {
            https.ServerCertificate = serverCert;
            // Enrollment arrives without a certificate, so the handshake allows none; the endpoints decide.
            https.ClientCertificateMode = ClientCertificateMode.AllowCertificate;
            https.AllowAnyClientCertificate();
        })));
        builder.Services.AddFailkitManagement(o =>
        {
            o.ConnectionString = connectionString;
            o.KeyRingDirectory = keyRing;
            o.AdminConnectionString = admin;
            o.TenantKeyRingRoot = Path.Combine(keyRing, "tenants");
        });
        // The registry and tokens are real; onboarding's engine runs in memory with no worker, and the planes are recorded.
        builder.Services.AddFailkitWorkflows(w =>
        {
            w.RunWorker = false;
            w.RunTriggers = false;
        });
        builder.Services.AddSingleton<RecordingOrchestrator>();
        builder.Services.AddSingleton<Failkit.Orchestration.IOrchestrator>(sp => sp.GetRequiredService<RecordingOrchestrator>());
        builder.Services.AddAuthentication(TestOperatorAuthentication.SchemeName)
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, TestOperatorAuthentication>(TestOperatorAuthentication.SchemeName, null);
        services?.Invoke(builder.Services);
        var app = builder.Build();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapAgentEndpoints();
        app.MapTenantAdminEndpoints();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new ManagementServer(app, tlsCa, address.TrimEnd('/'), connectionString, keyRing);
    }

    public T Get<T>()
        where T : notnull => _app.Services.GetRequiredService<T>();

    /// <summary>Writes the TLS CA as PEM, for the agent's <c>--server-ca</c>.</summary>
    public void WriteServerCaPem(string path) => File.WriteAllText(path, _tlsCa.ExportCertificatePem());

    /// <summary>A client that trusts only the test TLS CA and presents <paramref name="clientCertificate"/> if given.
    /// <paramref name="operatorRole"/> sends the test principal: "platform-operator", another role, or none.</summary>
    public HttpClient Client(X509Certificate2? clientCertificate = null, string? operatorRole = null)
    {
        var ssl = new SslClientAuthenticationOptions
        {
            RemoteCertificateValidationCallback = (_, cert, _, _) =>
            {
                using var chain = new X509Chain();
                chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                chain.ChainPolicy.CustomTrustStore.Add(_tlsCa);
                chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                return cert is not null && chain.Build(new X509Certificate2(cert));
            },
        };
        if (clientCertificate is not null)
        {
            ssl.ClientCertificates = [clientCertificate];
        }

        var client = new HttpClient(new SocketsHttpHandler { SslOptions = ssl }) { BaseAddress = new Uri(Url + "/") };
        if (operatorRole is not null)
        {
            client.DefaultRequestHeaders.Add(TestOperatorAuthentication.Header, operatorRole);
        }

        return client;
    }

    public async Task<T?> ScalarAsync<T>(string sql, params object[] values)
    {
        await using var conn = new NpgsqlConnection(ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        foreach (var v in values)
        {
            cmd.Parameters.Add(new NpgsqlParameter { Value = v });
        }

        return await cmd.ExecuteScalarAsync() is T t ? t : default;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _tlsCa.Dispose();
        if (Directory.Exists(_keyRing))
        {
            Directory.Delete(_keyRing, recursive: true);
        }
    }
}
