using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Failkit.Sso.Settings;

internal static class SettingsValidation
{
    public static Uri? AbsoluteHttpUrl(string? text, string field, Dictionary<string, string[]> errors)
    {
        if (Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
            && string.IsNullOrEmpty(uri.UserInfo) && string.IsNullOrEmpty(uri.Fragment))
        {
            return uri;
        }

        errors[field] = [$"{field} must be an absolute http(s) URL"];
        return null;
    }

    /// <summary>The IdP's signing certificate from PEM; it must carry an RSA key, the only kind SAML IdPs use for
    /// XML signatures in practice and the only kind the ACS verifies.</summary>
    public static X509Certificate2? Certificate(string? pem, string field, Dictionary<string, string[]> errors)
    {
        try
        {
            if (!string.IsNullOrWhiteSpace(pem))
            {
                var cert = X509Certificate2.CreateFromPem(pem);
                using var rsa = cert.GetRSAPublicKey();
                if (rsa is not null)
                {
                    return cert;
                }
            }
        }
        catch (CryptographicException)
        {
        }

        errors[field] = [$"{field} must be a PEM certificate with an RSA public key"];
        return null;
    }
}
