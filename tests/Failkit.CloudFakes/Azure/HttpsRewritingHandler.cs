namespace Failkit.CloudFakes.Azure;

/// <summary>Sends every https request to the fake over plain http on 127.0.0.1, keeping the original host in the
/// Host header. Azure.Core refuses bearer tokens over http, so tests keep https URLs and rewrite them here.</summary>
public sealed class HttpsRewritingHandler(Uri fakeBase) : DelegatingHandler(new SocketsHttpHandler())
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var original = request.RequestUri!;
        request.Headers.Host = original.Authority;
        request.RequestUri = new UriBuilder(original) { Scheme = "http", Host = fakeBase.Host, Port = fakeBase.Port }.Uri;
        return base.SendAsync(request, cancellationToken);
    }
}
