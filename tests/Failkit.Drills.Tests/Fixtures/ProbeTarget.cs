using Failkit.CloudFakes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Failkit.Drills.Tests.Fixtures;

/// <summary>The application a drilled VM serves, on a real Kestrel at 127.0.0.1 (the fakes report 127.0.0.1 as every
/// instance's private address). While held, <c>/health</c> answers 503, so a test can act on the cloud after the VMs
/// booted and before the probes go green.</summary>
public sealed class ProbeTarget : IAsyncDisposable
{
    private readonly FakeServer _server;
    private volatile bool _held;
    private int _requests;

    private ProbeTarget(FakeServer server) => _server = server;

    public int Port => _server.BaseAddress.Port;

    public int HealthRequests => Volatile.Read(ref _requests);

    public static async Task<ProbeTarget> StartAsync(bool held = false)
    {
        ProbeTarget? target = null;
        var server = await FakeServer.StartAsync(app => app.MapGet("/health", () =>
        {
            Interlocked.Increment(ref target!._requests);
            return target._held ? Results.Text("warming up", statusCode: 503) : Results.Text("shop healthy");
        }));
        target = new ProbeTarget(server) { _held = held };
        return target;
    }

    public void Release() => _held = false;

    public ValueTask DisposeAsync() => _server.DisposeAsync();
}
