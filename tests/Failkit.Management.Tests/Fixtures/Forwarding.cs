using System.Security.Cryptography;
using Failkit.Management.Reports;
using Failkit.Orchestration;
using Microsoft.Extensions.DependencyInjection;

namespace Failkit.Management.Tests.Fixtures;

/// <summary>A management server whose report sink forwards to tenant planes: the production registration plus
/// <c>AddRecoveryPointForwarding</c>, with the orchestrator's endpoint lookup faked and every request body kept.</summary>
public sealed class Forwarding : IAsyncDisposable
{
    private Forwarding(ManagementServer server, FakeOrchestrator orchestrator, RequestCapture capture, byte[] secret)
    {
        Server = server;
        Orchestrator = orchestrator;
        Capture = capture;
        ManagementSecret = secret;
    }

    public ManagementServer Server { get; }

    public FakeOrchestrator Orchestrator { get; }

    public RequestCapture Capture { get; }

    public byte[] ManagementSecret { get; }

    /// <param name="sweepInterval">The re-forwarder's period; long by default, so only tests about it see it run.</param>
    public static async Task<Forwarding> StartAsync(TimeSpan? sweepInterval = null)
    {
        var secret = RandomNumberGenerator.GetBytes(32);
        var orchestrator = new FakeOrchestrator();
        RequestCapture? capture = null;
        var server = await ManagementServer.StartAsync(services =>
        {
            capture = RequestCapture.AddTo(services);
            services.AddSingleton<IOrchestrator>(orchestrator);
            services.AddRecoveryPointForwarding(o =>
            {
                o.ManagementSecret = secret;
                o.Attempts = 2;
                o.FirstRetryDelay = TimeSpan.FromMilliseconds(50);
                o.SweepInterval = sweepInterval ?? TimeSpan.FromHours(1);
            });
        });
        return new Forwarding(server, orchestrator, capture!, secret);
    }

    /// <summary>A slug no other test uses: tenant databases are cluster-wide.</summary>
    public static string NewSlug() => $"fw-{Guid.NewGuid():N}"[..15];

    /// <summary>Starts <paramref name="slug"/>'s plane; <paramref name="running"/> false leaves the orchestrator
    /// answering "not running" for it.</summary>
    public async Task<TenantPlaneServer> PlaneAsync(string slug, bool running = true)
    {
        var plane = await TenantPlaneServer.StartAsync(slug, ManagementSecret);
        if (running)
        {
            Orchestrator.Endpoints[slug] = plane.Url;
        }

        return plane;
    }

    public Task<DateTime?> ForwardedAtAsync(string pointId) =>
        Server.ScalarAsync<DateTime?>("SELECT forwarded_at FROM management.agent_reports WHERE point_id = $1", pointId);

    public async ValueTask DisposeAsync() => await Server.DisposeAsync();
}
