using System.Security.Cryptography.X509Certificates;
using System.Xml;
using Failkit.Sso.Settings;

namespace Failkit.Sso.Saml;

/// <summary>What the ACS takes from a verified response.</summary>
internal sealed record SamlAssertion(string Id, string InResponseTo, string NameId, DateTimeOffset KeepUntil, ILookup<string, string> Attributes);

/// <summary>Parses and checks a SAML Response posted to the ACS. Order matters: the document is parsed without
/// DTDs, its shape is pinned (one Response, exactly one Assertion, its direct child, nothing encrypted), the
/// signatures are verified on those very elements, and only then are values read from them, so a wrapped or
/// injected element is never what gets read.</summary>
internal static partial class SamlResponseReader
{
    /// <summary>A generous bound for a base64 response with a few attributes and two signatures.</summary>
    public const int MaxEncodedLength = 256 * 1024;

    public static SamlAssertion Read(string? encoded, SamlSettings settings, SsoOptions options, DateTimeOffset now)
    {
        var doc = Parse(encoded);
        var response = doc.DocumentElement!;
        if (response.LocalName != "Response" || response.NamespaceURI != SamlNames.Protocol || response.GetAttribute("Version") != "2.0")
        {
            throw Fail("Malformed", "the document is not a SAML 2.0 Response");
        }

        if (doc.GetElementsByTagName("EncryptedAssertion", SamlNames.Assertion).Count > 0)
        {
            throw Fail("Malformed", "encrypted assertions are not supported");
        }

        var assertions = doc.GetElementsByTagName("Assertion", SamlNames.Assertion);
        if (assertions.Count != 1 || assertions[0] is not XmlElement assertion || assertion.ParentNode != response)
        {
            throw Fail("Malformed", "the response must carry exactly one assertion, directly inside it");
        }

        VerifySignatures(response, assertion, settings);
        CheckStatus(response);
        return ReadAssertion(response, assertion, settings, options, now);
    }

    private static XmlDocument Parse(string? encoded)
    {
        if (string.IsNullOrEmpty(encoded) || encoded.Length > MaxEncodedLength)
        {
            throw Fail("Malformed", "SAMLResponse is missing or too large");
        }

        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(encoded);
        }
        catch (FormatException)
        {
            throw Fail("Malformed", "SAMLResponse is not base64");
        }

        var doc = new XmlDocument { PreserveWhitespace = true, XmlResolver = null };
        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            MaxCharactersInDocument = bytes.Length * 2L,
            IgnoreProcessingInstructions = true,
        };
        try
        {
            using var reader = XmlReader.Create(new MemoryStream(bytes), settings);
            doc.Load(reader);
        }
        catch (XmlException)
        {
            throw Fail("Malformed", "SAMLResponse is not well-formed XML, or carries a DTD");
        }

        return doc;
    }

    private static void VerifySignatures(XmlElement response, XmlElement assertion, SamlSettings settings)
    {
        using var cert = settings.Certificate();
        using var key = cert.GetRSAPublicKey()!;
        var responseSigned = SamlSignature.Verify(response, key);
        var assertionSigned = SamlSignature.Verify(assertion, key);
        if (responseSigned == false || assertionSigned == false)
        {
            throw Fail("InvalidSignature", "a signature of the response does not verify against the IdP's certificate");
        }

        if (responseSigned is null && assertionSigned is null)
        {
            throw Fail("Unsigned", "the response carries no signature");
        }

        if (settings.RequireSignedResponse && responseSigned is null)
        {
            throw Fail("Unsigned", "the response itself must be signed");
        }

        if (settings.RequireSignedAssertion && assertionSigned is null)
        {
            throw Fail("Unsigned", "the assertion must be signed");
        }
    }

    private static void CheckStatus(XmlElement response)
    {
        var code = Child(Child(response, SamlNames.Protocol, "Status"), SamlNames.Protocol, "StatusCode")?.GetAttribute("Value");
        if (code != SamlNames.Success)
        {
            throw Fail("IdpStatus", $"the IdP did not report success ({code ?? "no status"})");
        }
    }

    private static XmlElement? Child(XmlElement? parent, string ns, string name) =>
        parent?.ChildNodes.OfType<XmlElement>().FirstOrDefault(e => e.LocalName == name && e.NamespaceURI == ns);

    private static IEnumerable<XmlElement> Children(XmlElement? parent, string ns, string name) =>
        parent?.ChildNodes.OfType<XmlElement>().Where(e => e.LocalName == name && e.NamespaceURI == ns) ?? [];

    private static SsoException Fail(string failure, string message) => new(failure, message);
}
