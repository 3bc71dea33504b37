using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Failkit.Activities.Notifications;

/// <summary>One webhook POST: the JSON body, signed. The handler resolves the host itself and connects only to an
/// address the guard allows; a refused address fails the request before a byte is sent.</summary>
public sealed class WebhookSender : IDisposable
{
    private readonly HttpClient _http;
    private readonly TimeProvider _time;

    public WebhookSender(OutboundAddressGuard guard, WebhookOptions options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        _time = time;
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseProxy = false,
            PooledConnectionLifetime = TimeSpan.FromMinutes(1),
            ConnectCallback = (ctx, ct) => ConnectAsync(guard, ctx, ct),
        };
        _http = new HttpClient(handler) { Timeout = options.Timeout };
    }

    /// <summary>Posts <paramref name="body"/> with the signature header (when a secret is given) and returns the
    /// status code; a non-2xx status is a failure for the caller to record.</summary>
    public async Task<HttpStatusCode> PostAsync(Uri url, string body, string? secret, string deliveryId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp)
        {
            throw new OutboundAddressRefusedException($"Webhook URLs must be http or https, not {url.Scheme}.");
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("Failkit-Delivery", deliveryId);
        if (!string.IsNullOrEmpty(secret))
        {
            request.Headers.Add(WebhookSignature.HeaderName, WebhookSignature.Create(secret, _time.GetUtcNow(), body));
        }

        try
        {
            using var response = await _http.SendAsync(request, ct);
            return response.StatusCode;
        }
        catch (HttpRequestException ex) when (ex.InnerException is OutboundAddressRefusedException refused)
        {
            throw refused;
        }
    }

    public void Dispose() => _http.Dispose();

    private static async ValueTask<Stream> ConnectAsync(OutboundAddressGuard guard, SocketsHttpConnectionContext ctx, CancellationToken ct)
    {
        var host = ctx.DnsEndPoint.Host;
        var addresses = IPAddress.TryParse(host.Trim('[', ']'), out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, ct);
        var allowed = addresses.Where(a => guard.Refusal(a) is null).ToList();
        if (allowed.Count == 0)
        {
            var reasons = string.Join(", ", addresses.Select(a => $"{a} ({guard.Refusal(a)})"));
            throw new OutboundAddressRefusedException($"Webhook host '{host}' resolves only to addresses that are not allowed: {reasons}.");
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync([.. allowed], ctx.DnsEndPoint.Port, ct);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
