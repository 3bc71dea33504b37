using System.Xml;
using Failkit.Sso.Settings;

namespace Failkit.Sso.Saml;

internal static partial class SamlResponseReader
{
    private static SamlAssertion ReadAssertion(XmlElement response, XmlElement assertion, SamlSettings settings, SsoOptions options, DateTimeOffset now)
    {
        var acs = options.Url(SsoPaths.SamlAcs);
        var skew = options.ClockSkew;
        if (Child(response, SamlNames.Assertion, "Issuer") is { } responseIssuer && Text(responseIssuer) != settings.IdpEntityId)
        {
            throw Fail("WrongIssuer", "the response comes from another issuer");
        }

        if (Text(Child(assertion, SamlNames.Assertion, "Issuer")) != settings.IdpEntityId)
        {
            throw Fail("WrongIssuer", "the assertion comes from another issuer");
        }

        // SAML Bindings §3.5.5.2: a signed message names its destination; any named destination must be us.
        var destination = response.GetAttribute("Destination");
        if (destination.Length > 0 ? destination != acs : SamlSignature.HasSignature(response))
        {
            throw Fail("WrongDestination", "the response is addressed to another endpoint");
        }

        var inResponseTo = response.GetAttribute("InResponseTo");
        if (inResponseTo.Length == 0)
        {
            throw Fail("UnknownRequest", "IdP-initiated responses are not accepted; start the login at the tenant");
        }

        var id = assertion.GetAttribute("ID");
        var subject = Child(assertion, SamlNames.Assertion, "Subject");
        var nameId = Text(Child(subject, SamlNames.Assertion, "NameID"));
        if (id.Length == 0 || string.IsNullOrWhiteSpace(nameId))
        {
            throw Fail("Malformed", "the assertion has no ID or no NameID");
        }

        var conditions = Child(assertion, SamlNames.Assertion, "Conditions")
            ?? throw Fail("Malformed", "the assertion has no Conditions");
        if (Time(conditions, "NotBefore") is { } notBefore && notBefore - skew > now)
        {
            throw Fail("NotYetValid", "the assertion is not valid yet");
        }

        var notOnOrAfter = Time(conditions, "NotOnOrAfter") ?? throw Fail("Malformed", "the assertion's Conditions have no NotOnOrAfter");
        if (notOnOrAfter + skew <= now)
        {
            throw Fail("Expired", "the assertion has expired");
        }

        var restrictions = Children(conditions, SamlNames.Assertion, "AudienceRestriction").ToList();
        var audience = settings.EntityId(options);
        if (restrictions.Count == 0 || restrictions.Any(r => !Children(r, SamlNames.Assertion, "Audience").Any(a => Text(a) == audience)))
        {
            throw Fail("WrongAudience", "the assertion is meant for another service provider");
        }

        var confirmation = BearerConfirmation(subject, acs, inResponseTo, now, skew);
        var keepUntil = (confirmation > notOnOrAfter ? confirmation : notOnOrAfter) + skew;
        var attributes = Children(Child(assertion, SamlNames.Assertion, "AttributeStatement"), SamlNames.Assertion, "Attribute")
            .SelectMany(a => Children(a, SamlNames.Assertion, "AttributeValue").Select(v => (Name: a.GetAttribute("Name"), Value: Text(v) ?? "")))
            .ToLookup(a => a.Name, a => a.Value, StringComparer.Ordinal);
        return new SamlAssertion(id, inResponseTo, nameId.Trim(), keepUntil, attributes);
    }

    /// <summary>A bearer SubjectConfirmation for our ACS, not expired, answering the same request; returns its end.</summary>
    private static DateTimeOffset BearerConfirmation(XmlElement? subject, string acs, string inResponseTo, DateTimeOffset now, TimeSpan skew)
    {
        foreach (var confirmation in Children(subject, SamlNames.Assertion, "SubjectConfirmation"))
        {
            var data = Child(confirmation, SamlNames.Assertion, "SubjectConfirmationData");
            if (confirmation.GetAttribute("Method") != SamlNames.Bearer || data is null)
            {
                continue;
            }

            if (data.GetAttribute("Recipient") != acs)
            {
                throw Fail("WrongRecipient", "the assertion's recipient is another endpoint");
            }

            if (data.GetAttribute("InResponseTo") is { Length: > 0 } answered && answered != inResponseTo)
            {
                throw Fail("UnknownRequest", "the assertion answers another request than the response");
            }

            var end = Time(data, "NotOnOrAfter") ?? throw Fail("Malformed", "the subject confirmation has no NotOnOrAfter");
            return end + skew > now ? end : throw Fail("Expired", "the subject confirmation has expired");
        }

        throw Fail("Malformed", "the assertion has no bearer subject confirmation");
    }

    /// <summary>All text below the element. Comments are skipped rather than ending the value, so a NameID split
    /// by a comment (which canonicalization ignores) reads as the whole string the signature covered.</summary>
    private static string? Text(XmlElement? element) => element?.InnerText;

    private static DateTimeOffset? Time(XmlElement element, string attribute)
    {
        var text = element.GetAttribute(attribute);
        if (text.Length == 0)
        {
            return null;
        }

        try
        {
            return XmlConvert.ToDateTimeOffset(text);
        }
        catch (FormatException)
        {
            throw Fail("Malformed", $"{attribute} is not a valid time");
        }
    }
}
