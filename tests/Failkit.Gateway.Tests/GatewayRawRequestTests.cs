using System.Net.Sockets;
using System.Text;

namespace Failkit.Gateway.Tests;

/// <summary>Requests HttpClient will not send: they go over a raw socket, to show Kestrel and the gateway together never
/// let a second host claim win.</summary>
public sealed class GatewayRawRequestTests : IAsyncLifetime
{
    private FakePlane _a = null!;
    private FakePlane _b = null!;
    private GatewayServer _gateway = null!;

    public async ValueTask InitializeAsync()
    {
        (_a, _b) = (await FakePlane.StartAsync("a"), await FakePlane.StartAsync("b"));
        _gateway = await GatewayServer.StartAsync(_a.Url);
        _gateway.Routes.Set(new TenantRoute("a", _a.Url));
        _gateway.Routes.Set(new TenantRoute("b", _b.Url));
    }

    public async ValueTask DisposeAsync()
    {
        await _gateway.DisposeAsync();
        await Task.WhenAll(_a.DisposeAsync().AsTask(), _b.DisposeAsync().AsTask());
    }

    [Theory]
    [InlineData("GET http://b.localhost/ HTTP/1.1\r\nHost: a.localhost\r\n")]
    [InlineData("GET / HTTP/1.1\r\nHost: a.localhost\r\nHost: b.localhost\r\n")]
    [InlineData("GET / HTTP/1.1\r\nHost: a.localhost, b.localhost\r\n")]
    [InlineData("GET / HTTP/1.1\r\nHost: b.localhost@a.localhost\r\n")]
    public async Task ConflictingHostClaims_NeverReachTenantB(string head)
    {
        var response = await SendRawAsync(head + "Connection: close\r\n\r\n");

        Assert.DoesNotContain("\"name\":\"b\"", response, StringComparison.Ordinal);
        Assert.DoesNotMatch("^HTTP/1.1 2", response);
    }

    private async Task<string> SendRawAsync(string request)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(_gateway.Client.BaseAddress!.Host, _gateway.Client.BaseAddress.Port);
        var stream = tcp.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request));
        using var reader = new StreamReader(stream, Encoding.ASCII);
        return await reader.ReadToEndAsync().WaitAsync(TimeSpan.FromSeconds(10));
    }
}
