using System.Text;
using System.Xml;

namespace Failkit.Sso.Tests.Saml;

/// <summary>Edits a real IdP response the way an attacker would, before it is posted to the ACS.</summary>
internal static class SamlXml
{
    public static XmlDocument Decode(string samlResponse)
    {
        var doc = new XmlDocument { PreserveWhitespace = true };
        doc.LoadXml(Encoding.UTF8.GetString(Convert.FromBase64String(samlResponse)));
        return doc;
    }

    public static string Encode(XmlDocument doc) => Convert.ToBase64String(Encoding.UTF8.GetBytes(doc.OuterXml));

    public static string Edit(string samlResponse, Action<XmlDocument, XmlNamespaceManager> edit)
    {
        var doc = Decode(samlResponse);
        var ns = new XmlNamespaceManager(doc.NameTable);
        ns.AddNamespace("samlp", "urn:oasis:names:tc:SAML:2.0:protocol");
        ns.AddNamespace("saml", "urn:oasis:names:tc:SAML:2.0:assertion");
        ns.AddNamespace("ds", "http://www.w3.org/2000/09/xmldsig#");
        edit(doc, ns);
        return Encode(doc);
    }

    public static XmlElement Single(XmlNode node, string xpath, XmlNamespaceManager ns) =>
        (XmlElement?)node.SelectSingleNode(xpath, ns) ?? throw new InvalidOperationException($"{xpath} not found");
}
