using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Failkit.CloudFakes.Aws;

/// <summary>Checks an AWS Signature Version 4 Authorization header the way AWS does: rebuilds the canonical request
/// from what arrived on the wire and compares signatures. Written from the published algorithm, independently of
/// the SDK, so it also checks the provider's hand-built EBS signing.</summary>
internal static partial class SigV4Verifier
{
    public sealed record Signed(string AccessKeyId, string Region, string Service);

    /// <param name="secretOf">The secret of an access key id, or null when the key is unknown.</param>
    public static Signed Verify(HttpRequest request, byte[] body, Func<string, string?> secretOf)
    {
        var header = request.Headers.Authorization.ToString();
        var match = AuthorizationPattern().Match(header);
        if (!match.Success)
        {
            throw new AwsFakeException(403, "MissingAuthenticationToken", "Request is missing a SigV4 Authorization header.");
        }

        var (keyId, date, region, service) = (match.Groups["key"].Value, match.Groups["date"].Value, match.Groups["region"].Value, match.Groups["service"].Value);
        var secret = secretOf(keyId) ?? throw new AwsFakeException(403, "InvalidClientTokenId", $"The security token included in the request is invalid ({keyId}).");
        var signedHeaders = match.Groups["headers"].Value.Split(';');
        var amzDate = request.Headers["x-amz-date"].ToString();
        if (!signedHeaders.Contains("host") || !amzDate.StartsWith(date, StringComparison.Ordinal))
        {
            throw new AwsFakeException(403, "SignatureDoesNotMatch", "host must be signed and x-amz-date must match the credential scope.");
        }

        var rawTarget = request.HttpContext.Features.Get<IHttpRequestFeature>()?.RawTarget ?? request.Path.Value ?? "/";
        var path = rawTarget.Split('?')[0];
        var canonical = new StringBuilder()
            .Append(request.Method).Append('\n')
            .Append(path).Append('\n')
            .Append(CanonicalQuery(request.QueryString.Value)).Append('\n');
        foreach (var name in signedHeaders)
        {
            var value = name == "host" ? request.Host.Value : string.Join(',', request.Headers[name].Select(v => v?.Trim()));
            canonical.Append(name).Append(':').Append(Spaces().Replace(value ?? "", " ")).Append('\n');
        }

        var payloadHash = request.Headers["x-amz-content-sha256"].ToString() is { Length: > 0 } declared && declared != "UNSIGNED-PAYLOAD"
            ? declared
            : Convert.ToHexStringLower(SHA256.HashData(body));
        if (payloadHash != Convert.ToHexStringLower(SHA256.HashData(body)))
        {
            throw new AwsFakeException(400, "XAmzContentSHA256Mismatch", "The provided x-amz-content-sha256 does not match the body.");
        }

        canonical.Append('\n').Append(string.Join(';', signedHeaders)).Append('\n').Append(payloadHash);
        var scope = $"{date}/{region}/{service}/aws4_request";
        var toSign = $"AWS4-HMAC-SHA256\n{amzDate}\n{scope}\n{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical.ToString())))}";
        var key = Hmac(Hmac(Hmac(Hmac(Encoding.UTF8.GetBytes("AWS4" + secret), date), region), service), "aws4_request");
        var expected = Convert.ToHexStringLower(Hmac(key, toSign));
        if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(match.Groups["signature"].Value)))
        {
            throw new AwsFakeException(403, "SignatureDoesNotMatch", "The request signature we calculated does not match the signature you provided.");
        }

        return new Signed(keyId, region, service);
    }

    private static string CanonicalQuery(string? query)
    {
        if (string.IsNullOrEmpty(query) || query == "?")
        {
            return "";
        }

        return string.Join('&', query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Contains('=', StringComparison.Ordinal) ? p : p + "=")
            .Order(StringComparer.Ordinal));
    }

    private static byte[] Hmac(byte[] key, string data) => HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(data));

    [GeneratedRegex(@"^AWS4-HMAC-SHA256 Credential=(?<key>[^/]+)/(?<date>\d{8})/(?<region>[^/]+)/(?<service>[^/]+)/aws4_request, ?SignedHeaders=(?<headers>[^,]+), ?Signature=(?<signature>[0-9a-f]{64})$")]
    private static partial Regex AuthorizationPattern();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
