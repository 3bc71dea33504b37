using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using System.Xml;
using Failkit.Sso.Tests.Fixtures;

namespace Failkit.Sso.Tests.Saml;

public sealed class SamlLoginTests(SamlFixture idp) : IClassFixture<SamlFixture>
{
    [Fact]
    public async Task SignedResponse_SignsInWithTheMappedRole()
    {
        using var browser = new Browser();
        var form = await idp.SignInFormAsync(browser, "/reports");
        var response = await SamlFixture.SignInAsync(browser, form, "dana@example.test", "failkit-admins");

        using var acs = await idp.PostToAcsAsync(browser, response);

        Assert.True(acs.StatusCode == HttpStatusCode.Redirect, await acs.Content.ReadAsStringAsync());
        Assert.Equal("/reports", acs.Headers.Location?.OriginalString);
        Assert.Equal(
            (new SsoIdentity("saml", "dana@example.test", "dana@example.test", "Name of dana@example.test", SsoRole.Admin), "/reports"),
            idp.Sp.SignIns.All[^1]);
    }

    [Fact]
    public async Task UnmappedRole_GetsTheDefaultAuditor()
    {
        using var browser = new Browser();
        var response = await SamlFixture.SignInAsync(browser, await idp.SignInFormAsync(browser), "erin@example.test", "some-other-group");

        using var acs = await idp.PostToAcsAsync(browser, response);

        Assert.Equal(HttpStatusCode.Redirect, acs.StatusCode);
        Assert.Equal(SsoRole.Auditor, idp.Sp.SignIns.All[^1].Identity.Role);
    }

    [Fact]
    public async Task LoginStartedOnOneReplica_FinishesOnTheOther_AndCannotBeReplayedOnEither()
    {
        await using var replica = await SsoTestHost.StartAsync(idp.Tenant, replicaOf: idp.Sp);
        using var browser = new Browser();
        var response = await SamlFixture.SignInAsync(browser, await idp.SignInFormAsync(browser, "/drills"), "judy@example.test", "failkit-owners");

        using var finished = await browser.PostFormAsync(new Uri(replica.Url, SsoPaths.SamlAcs), [new("SAMLResponse", response)]);

        Assert.True(finished.StatusCode == HttpStatusCode.Redirect, await finished.Content.ReadAsStringAsync());
        Assert.Equal(SsoRole.Owner, replica.SignIns.All.Single().Identity.Role);
        await AssertRejectedAsync(response, "Replayed");
    }

    [Fact]
    public async Task ChangedNameId_FailsTheSignature()
    {
        var tampered = SamlXml.Edit(await FreshResponseAsync(), (doc, ns) =>
            SamlXml.Single(doc, "//saml:Assertion/saml:Subject/saml:NameID", ns).InnerText = "owner@example.test");

        await AssertRejectedAsync(tampered, "InvalidSignature");
    }

    [Fact]
    public async Task ReplayedResponse_IsRejected()
    {
        using var browser = new Browser();
        var response = await SamlFixture.SignInAsync(browser, await idp.SignInFormAsync(browser), "frank@example.test");
        using (var first = await idp.PostToAcsAsync(browser, response))
        {
            Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        }

        await AssertRejectedAsync(response, "Replayed");
    }

    [Fact]
    public async Task SecondResponseToAnAnsweredRequest_IsRejected()
    {
        using var browser = new Browser();
        var form = await idp.SignInFormAsync(browser);
        var first = await SamlFixture.SignInAsync(browser, form, "gina@example.test");
        var second = await SamlFixture.SignInAsync(browser, form, "gina@example.test");
        using (var ok = await idp.PostToAcsAsync(browser, first))
        {
            Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
        }

        await AssertRejectedAsync(second, "UnknownRequest");
    }

    [Fact]
    public async Task ResponseToARequestWeNeverIssued_IsRejected()
    {
        using var browser = new Browser();
        var form = await idp.SignInFormAsync(browser);
        // The IdP answers whatever request id it is given; here one the tenant plane never issued.
        var request = JsonNode.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(form.Fields["_authnRequest"])))!;
        request["id"] = "_f00dfeed" + Guid.NewGuid().ToString("N");
        form.Fields["_authnRequest"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(request.ToJsonString()));

        await AssertRejectedAsync(await SamlFixture.SignInAsync(browser, form, "hank@example.test"), "UnknownRequest");
    }

    [Fact]
    public async Task AssertionForAnotherAudience_IsRejected()
    {
        var otherIdp = await idp.StartIdpAsync(audience: "urn:another-service-provider");
        using var browser = new Browser();
        var form = await idp.SignInFormAsync(browser, idpSso: otherIdp);

        await AssertRejectedAsync(await SamlFixture.SignInAsync(browser, form, "ivan@example.test"), "WrongAudience");
    }

    [Fact]
    public async Task ExpiredAssertion_IsRejected()
    {
        var response = await FreshResponseAsync();
        // saml-idp's assertions live one hour; two hours later even the clock skew cannot save them.
        idp.Sp.Clock.Shift = TimeSpan.FromHours(2);
        try
        {
            await AssertRejectedAsync(response, "Expired");
        }
        finally
        {
            idp.Sp.Clock.Shift = TimeSpan.Zero;
        }
    }

    [Fact]
    public async Task ResponseWithItsSignaturesStripped_IsRejected()
    {
        var unsigned = SamlXml.Edit(await FreshResponseAsync(), (doc, ns) =>
        {
            foreach (var signature in doc.SelectNodes("//ds:Signature", ns)!.Cast<XmlNode>().ToList())
            {
                signature.ParentNode!.RemoveChild(signature);
            }
        });

        await AssertRejectedAsync(unsigned, "Unsigned");
    }

    [Fact]
    public async Task ForgedAssertionBesideTheSignedOne_IsRejected()
    {
        var wrapped = SamlXml.Edit(await FreshResponseAsync(), (doc, ns) =>
        {
            var signed = SamlXml.Single(doc, "/samlp:Response/saml:Assertion", ns);
            var forged = (XmlElement)signed.CloneNode(deep: true);
            forged.SetAttribute("ID", "_forged");
            forged.RemoveChild(SamlXml.Single(forged, "ds:Signature", ns));
            SamlXml.Single(forged, "saml:Subject/saml:NameID", ns).InnerText = "owner@example.test";
            signed.ParentNode!.InsertBefore(forged, signed);
        });

        await AssertRejectedAsync(wrapped, "Malformed");
    }

    [Fact]
    public async Task SignedAssertionHiddenInExtensions_WithAForgedOneInItsPlace_IsRejected()
    {
        var wrapped = SamlXml.Edit(await FreshResponseAsync(), (doc, ns) =>
        {
            var response = doc.DocumentElement!;
            var signed = SamlXml.Single(response, "saml:Assertion", ns);
            var forged = (XmlElement)signed.CloneNode(deep: true);
            SamlXml.Single(forged, "saml:Subject/saml:NameID", ns).InnerText = "owner@example.test";
            var extensions = doc.CreateElement("samlp", "Extensions", "urn:oasis:names:tc:SAML:2.0:protocol");
            response.ReplaceChild(forged, signed);
            extensions.AppendChild(signed);
            response.InsertBefore(extensions, forged);
        });

        await AssertRejectedAsync(wrapped, "Malformed");
    }

    [Fact]
    public async Task AssertionSignatureMovedOntoAForgedAssertion_IsRejected()
    {
        var forged = SamlXml.Edit(await FreshResponseAsync(), (doc, ns) =>
        {
            // Without the response signature, only the assertion's would vouch; its reference still names the
            // original ID, which the forged assertion now carries.
            var response = doc.DocumentElement!;
            response.RemoveChild(SamlXml.Single(response, "ds:Signature", ns));
            SamlXml.Single(response, "saml:Assertion/saml:Subject/saml:NameID", ns).InnerText = "owner@example.test";
        });

        await AssertRejectedAsync(forged, "InvalidSignature");
    }

    [Fact]
    public async Task ResponseWithADtd_IsRejected()
    {
        var xml = Encoding.UTF8.GetString(Convert.FromBase64String(await FreshResponseAsync()));
        var withDtd = "<!DOCTYPE r [<!ENTITY x \"x\">]>" + xml[xml.IndexOf('<', StringComparison.Ordinal)..];

        await AssertRejectedAsync(Convert.ToBase64String(Encoding.UTF8.GetBytes(withDtd)), "Malformed");
    }

    [Fact]
    public async Task Metadata_NamesTheEntityIdAndThePostAcs()
    {
        using var browser = new Browser();
        using var response = await browser.GetAsync(new Uri(idp.Sp.Url, SsoPaths.SamlMetadata));
        var doc = new XmlDocument();
        doc.LoadXml(await response.Content.ReadAsStringAsync());
        var ns = new XmlNamespaceManager(doc.NameTable);
        ns.AddNamespace("md", "urn:oasis:names:tc:SAML:2.0:metadata");

        Assert.Equal("application/samlmetadata+xml", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(idp.SpEntityId, doc.DocumentElement!.GetAttribute("entityID"));
        var acs = SamlXml.Single(doc, "//md:SPSSODescriptor/md:AssertionConsumerService", ns);
        Assert.Equal(idp.Acs.AbsoluteUri, acs.GetAttribute("Location"));
        Assert.Equal("urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST", acs.GetAttribute("Binding"));
    }

    /// <summary>A genuine, signed response to a request the tenant plane issued, not yet posted.</summary>
    private async Task<string> FreshResponseAsync()
    {
        using var browser = new Browser();
        return await SamlFixture.SignInAsync(browser, await idp.SignInFormAsync(browser), "mallory@example.test");
    }

    private async Task AssertRejectedAsync(string samlResponse, string failure)
    {
        var before = idp.Sp.SignIns.All.Count;
        using var browser = new Browser();

        using var response = await idp.PostToAcsAsync(browser, samlResponse);

        Assert.Equal(failure, await Problems.FailureAsync(response));
        Assert.Equal(before, idp.Sp.SignIns.All.Count);
    }
}
