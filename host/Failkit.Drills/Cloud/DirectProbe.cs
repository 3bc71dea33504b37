using System.Net.Sockets;

namespace Failkit.Drills.Cloud;

/// <summary>HTTP and TCP probes sent straight to the instance's private address: the drill network is reachable
/// from where Failkit's drill worker runs (peered or in the same account), never from the internet.</summary>
public static class DirectProbe
{
    private static readonly HttpClient Http = new(new SocketsHttpHandler
    {
        // Drill VMs carry the production certificate of another host name, or a self-signed one.
#pragma warning disable CA5359 // A probe asks "does the app answer", not "is this the production host"; identity is not the question.
        SslOptions = { RemoteCertificateValidationCallback = (_, _, _, _) => true },
#pragma warning restore CA5359
        AllowAutoRedirect = false,
    }) { Timeout = TimeSpan.FromSeconds(10) };

    public static async Task<ProbeAttempt> RunAsync(CloudInstance instance, ProbeSpec probe, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(instance);
        ArgumentNullException.ThrowIfNull(probe);
        if (instance.PrivateAddress is not { Length: > 0 } address)
        {
            return new ProbeAttempt(false, "the instance has no private address yet");
        }

        return probe.Kind switch
        {
            ProbeKind.Http => await HttpAsync(address, probe, ct),
            ProbeKind.Tcp => await TcpAsync(address, probe, ct),
            _ => throw new ArgumentException($"A {probe.Kind} probe is not a direct probe.", nameof(probe)),
        };
    }

    private static async Task<ProbeAttempt> HttpAsync(string address, ProbeSpec probe, CancellationToken ct)
    {
        var url = (probe.Url ?? "http://{address}/").Replace("{address}", address, StringComparison.Ordinal);
        var expected = probe.ExpectedStatus ?? 200;
        try
        {
            using var response = await Http.GetAsync(url, ct);
            var body = await response.Content.ReadAsStringAsync(ct);
            if ((int)response.StatusCode != expected)
            {
                return new ProbeAttempt(false, $"GET {url} answered {(int)response.StatusCode}, expected {expected}");
            }

            return probe.ExpectedBody is { Length: > 0 } needle && !body.Contains(needle, StringComparison.Ordinal)
                ? new ProbeAttempt(false, $"GET {url} answered {expected} without \"{needle}\" in its body")
                : new ProbeAttempt(true, $"GET {url} answered {expected}");
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            return new ProbeAttempt(false, $"GET {url} failed: {ex.Message}");
        }
    }

    private static async Task<ProbeAttempt> TcpAsync(string address, ProbeSpec probe, CancellationToken ct)
    {
        if (probe.Port is not { } port || port is <= 0 or > 65535)
        {
            return new ProbeAttempt(false, "the TCP probe has no valid port");
        }

        using var client = new TcpClient();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(10));
        try
        {
            await client.ConnectAsync(address, port, timeout.Token);
            return new ProbeAttempt(true, $"{address}:{port} accepted a connection");
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException && !ct.IsCancellationRequested)
        {
            return new ProbeAttempt(false, $"{address}:{port} refused or timed out: {ex.Message}");
        }
    }
}
