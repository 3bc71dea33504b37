using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Xml;
using Failkit.Sso.Settings;
using Failkit.Sso.Storage;
using Microsoft.AspNetCore.WebUtilities;

namespace Failkit.Sso.Saml;

/// <summary>The SAML 2.0 service provider: AuthnRequest over HTTP-Redirect (unsigned), Response over HTTP-POST
/// to the ACS. Only SP-initiated logins are accepted: every response must answer a request we issued.</summary>
public sealed class SamlLogin(SsoSettingsStore settings, PendingRequests pending, SamlReplayCache replay, SsoOptions options, TimeProvider clock)
{
    /// <summary>Stores the request id and returns the IdP URL carrying the deflated AuthnRequest.</summary>
    internal async Task<string> StartAsync(string returnUrl, CancellationToken ct)
    {
        var s = await EnabledSettingsAsync(ct);
        // Starts with a letter, as xs:ID requires.
        var id = "_" + Convert.ToHexString(RandomNumberGenerator.GetBytes(20)).ToLowerInvariant();
        await pending.AddAsync("saml", id, new PendingLogin(returnUrl), ct);
        return QueryHelpers.AddQueryString(s.IdpSsoUrl.AbsoluteUri, "SAMLRequest", Deflate(AuthnRequest(id, s)));
    }

    /// <summary>Verifies the posted response and returns the identity and where to go next.</summary>
    internal async Task<(SsoIdentity Identity, string ReturnUrl)> CompleteAsync(string? samlResponse, CancellationToken ct)
    {
        var s = await EnabledSettingsAsync(ct);
        var assertion = SamlResponseReader.Read(samlResponse, s, options, clock.GetUtcNow());
        // The replay check comes before the request lookup so a replayed response is reported as what it is.
        if (!await replay.TryRecordAsync(assertion.Id, assertion.KeepUntil, ct))
        {
            throw new SsoException("Replayed", "this assertion was already used");
        }

        var login = await pending.TakeAsync("saml", assertion.InResponseTo, ct)
            ?? throw new SsoException("UnknownRequest", "the response answers a request that is unknown, used or expired; start the login again");
        var identity = new SsoIdentity("saml", assertion.NameId,
            assertion.Attributes[s.EmailAttribute].FirstOrDefault(),
            assertion.Attributes[s.NameAttribute].FirstOrDefault(),
            s.Roles.Resolve(assertion.Attributes[s.RoleAttribute]));
        return (identity, login.ReturnUrl);
    }

    /// <summary>The SP metadata the tenant gives its IdP.</summary>
    internal async Task<string> MetadataAsync(CancellationToken ct)
    {
        var s = await EnabledSettingsAsync(ct);
        return Write(w =>
        {
            w.WriteStartElement("md", "EntityDescriptor", SamlNames.Metadata);
            w.WriteAttributeString("entityID", s.EntityId(options));
            w.WriteStartElement("md", "SPSSODescriptor", SamlNames.Metadata);
            w.WriteAttributeString("AuthnRequestsSigned", "false");
            w.WriteAttributeString("WantAssertionsSigned", s.RequireSignedAssertion ? "true" : "false");
            w.WriteAttributeString("protocolSupportEnumeration", SamlNames.Protocol);
            w.WriteElementString("md", "NameIDFormat", SamlNames.Metadata, "urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified");
            w.WriteStartElement("md", "AssertionConsumerService", SamlNames.Metadata);
            w.WriteAttributeString("Binding", SamlNames.PostBinding);
            w.WriteAttributeString("Location", options.Url(SsoPaths.SamlAcs));
            w.WriteAttributeString("index", "0");
            w.WriteAttributeString("isDefault", "true");
            w.WriteEndElement();
            w.WriteEndElement();
            w.WriteEndElement();
        });
    }

    private string AuthnRequest(string id, SamlSettings s) => Write(w =>
    {
        w.WriteStartElement("samlp", "AuthnRequest", SamlNames.Protocol);
        w.WriteAttributeString("ID", id);
        w.WriteAttributeString("Version", "2.0");
        w.WriteAttributeString("IssueInstant", XmlConvert.ToString(clock.GetUtcNow().UtcDateTime, XmlDateTimeSerializationMode.Utc));
        w.WriteAttributeString("Destination", s.IdpSsoUrl.AbsoluteUri);
        w.WriteAttributeString("ProtocolBinding", SamlNames.PostBinding);
        w.WriteAttributeString("AssertionConsumerServiceURL", options.Url(SsoPaths.SamlAcs));
        w.WriteElementString("saml", "Issuer", SamlNames.Assertion, s.EntityId(options));
        w.WriteStartElement("samlp", "NameIDPolicy", SamlNames.Protocol);
        w.WriteAttributeString("AllowCreate", "true");
        w.WriteEndElement();
        w.WriteEndElement();
    });

    private static string Write(Action<XmlWriter> body)
    {
        var text = new StringBuilder();
        using (var writer = XmlWriter.Create(text, new XmlWriterSettings { OmitXmlDeclaration = true }))
        {
            body(writer);
        }

        return text.ToString();
    }

    /// <summary>HTTP-Redirect binding (SAML Bindings §3.4.4.1): raw DEFLATE, then base64; the caller URL-encodes.</summary>
    private static string Deflate(string xml)
    {
        using var buffer = new MemoryStream();
        using (var deflate = new DeflateStream(buffer, CompressionLevel.Optimal, leaveOpen: true))
        {
            deflate.Write(Encoding.UTF8.GetBytes(xml));
        }

        return Convert.ToBase64String(buffer.ToArray());
    }

    private async Task<SamlSettings> EnabledSettingsAsync(CancellationToken ct) =>
        await settings.GetSamlAsync(ct) is { Enabled: true } s
            ? s
            : throw new SsoException("NotConfigured", "SAML single sign-on is not configured for this tenant", StatusCodes.Status404NotFound);
}
