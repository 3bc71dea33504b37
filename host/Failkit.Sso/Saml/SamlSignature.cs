using System.Security.Cryptography;
using System.Security.Cryptography.Xml;
using System.Xml;

namespace Failkit.Sso.Saml;

/// <summary>Verifies the enveloped XML signature of one element against the IdP's key from the settings (never a
/// key from the document's KeyInfo). The signature must cover exactly that element: one reference, whose URI is
/// <c>#</c> + the element's ID, an ID no other element of the document carries.</summary>
internal static class SamlSignature
{
    private static readonly HashSet<string> Transforms = new(StringComparer.Ordinal)
    {
        SignedXml.XmlDsigEnvelopedSignatureTransformUrl,
        SignedXml.XmlDsigExcC14NTransformUrl,
        SignedXml.XmlDsigC14NTransformUrl,
    };

    // SHA-1 is refused: its collisions are practical, and every current IdP signs with SHA-256 or better.
    private static readonly HashSet<string> SignatureMethods = new(StringComparer.Ordinal)
    {
        SignedXml.XmlDsigRSASHA256Url, SignedXml.XmlDsigRSASHA384Url, SignedXml.XmlDsigRSASHA512Url,
    };

    private static readonly HashSet<string> DigestMethods = new(StringComparer.Ordinal)
    {
        SignedXml.XmlDsigSHA256Url, SignedXml.XmlDsigSHA384Url, SignedXml.XmlDsigSHA512Url,
    };

    public static bool HasSignature(XmlElement element) =>
        element.ChildNodes.OfType<XmlElement>().Any(e => e.LocalName == "Signature" && e.NamespaceURI == SamlNames.DSig);

    /// <summary>null when the element carries no signature; true or false when it carries one.</summary>
    public static bool? Verify(XmlElement element, RSA key)
    {
        var signatures = element.ChildNodes.OfType<XmlElement>()
            .Where(e => e.LocalName == "Signature" && e.NamespaceURI == SamlNames.DSig).ToList();
        if (signatures.Count == 0)
        {
            return null;
        }

        var id = element.GetAttribute("ID");
        if (signatures.Count > 1 || id.Length == 0 || CountId(element.OwnerDocument, id) != 1)
        {
            return false;
        }

        var signed = new SignedXml(element.OwnerDocument);
        try
        {
            signed.LoadXml(signatures[0]);
        }
        catch (CryptographicException)
        {
            return false;
        }

        if (signed.SignedInfo is not { } info || info.References.Count != 1 || info.References[0] is not Reference reference
            || reference.Uri != "#" + id
            || !SignatureMethods.Contains(info.SignatureMethod ?? "")
            || !DigestMethods.Contains(reference.DigestMethod ?? "")
            || !Transforms.Contains(info.CanonicalizationMethod ?? "")
            || Enumerable.Range(0, reference.TransformChain.Count).Any(i => !Transforms.Contains(reference.TransformChain[i].Algorithm ?? "")))
        {
            return false;
        }

        try
        {
            return signed.CheckSignature(key);
        }
        catch (CryptographicException)
        {
            return false;
        }
    }

    /// <summary>How many elements carry <paramref name="id"/> in any attribute SignedXml resolves references by.</summary>
    private static int CountId(XmlDocument doc, string id)
    {
        var count = 0;
        foreach (XmlElement e in doc.SelectNodes("//*")!)
        {
            foreach (var name in (string[])["ID", "Id", "id"])
            {
                if (e.GetAttribute(name) == id)
                {
                    count++;
                }
            }
        }

        return count;
    }
}
