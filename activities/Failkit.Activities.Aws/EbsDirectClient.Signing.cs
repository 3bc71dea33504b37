using System.Globalization;
using System.Text;
using Amazon.Runtime.Internal.Auth;

namespace Failkit.Activities.Aws;

internal sealed partial class EbsDirectClient
{
    /// <summary>SigV4: the canonical request is built here (method, path, no query, the signed headers, the payload
    /// hash); the key derivation and the signature come from AWSSDK.Core's <see cref="AWS4Signer"/>.</summary>
    private async Task SignAsync(HttpRequestMessage request, byte[] payload, SortedDictionary<string, string> amzHeaders)
    {
        var identity = await credentials.GetCredentialsAsync();
        var signedAt = time.GetUtcNow().UtcDateTime;
        var payloadHash = Convert.ToHexStringLower(AWS4Signer.ComputeHash(payload));
        var headers = new SortedDictionary<string, string>(amzHeaders, StringComparer.Ordinal)
        {
            ["host"] = request.RequestUri!.Authority,
            ["x-amz-content-sha256"] = payloadHash,
            ["x-amz-date"] = signedAt.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture),
        };
        if (identity.UseToken)
        {
            headers["x-amz-security-token"] = identity.Token;
        }

        if (request.Content?.Headers.ContentType is { } contentType)
        {
            headers["content-type"] = contentType.ToString();
        }

        var canonical = new StringBuilder()
            .Append(request.Method.Method).Append('\n')
            .Append(request.RequestUri.AbsolutePath).Append('\n')
            .Append('\n');
        foreach (var (name, value) in headers)
        {
            canonical.Append(name).Append(':').Append(value.Trim()).Append('\n');
        }

        var signedHeaders = string.Join(';', headers.Keys);
        canonical.Append('\n').Append(signedHeaders).Append('\n').Append(payloadHash);

        var result = AWS4Signer.ComputeSignature(identity, region, signedAt, Service, signedHeaders, canonical.ToString());
        foreach (var (name, value) in headers)
        {
            if (name is "host" or "content-type")
            {
                continue;
            }

            request.Headers.TryAddWithoutValidation(name, value);
        }

        request.Headers.TryAddWithoutValidation("Authorization", result.ForAuthorizationHeader);
    }
}
