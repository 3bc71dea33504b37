using System.Globalization;
using System.Net;

namespace Failkit.Host.Disclosure;

/// <summary>RFC 9116 <c>/.well-known/security.txt</c> and the vulnerability-disclosure page, on both roles. The contact
/// is <c>Failkit:Security:Contact</c>; the canonical address is the plane's public URL when it has one.</summary>
public static class SecurityDisclosureEndpoints
{
    public const string DefaultContact = "mailto:security@failkit.io";

    /// <summary>RFC 9116 recommends an expiry less than a year ahead; the file is generated, so it never goes stale.</summary>
    public static readonly TimeSpan ExpiresAfter = TimeSpan.FromDays(180);

    public static IEndpointRouteBuilder MapSecurityDisclosure(this IEndpointRouteBuilder app)
    {
        app.MapGet("/.well-known/security.txt", SecurityTxt).WithName("SecurityTxt").WithTags("Disclosure").AllowAnonymous();
        app.MapGet("/security/disclosure", Disclosure).WithName("VulnerabilityDisclosure").WithTags("Disclosure").AllowAnonymous();
        return app;
    }

    internal static IResult SecurityTxt(HttpContext http, IConfiguration config, TimeProvider time)
    {
        var site = PublicBase(http, config);
        var expires = (time.GetUtcNow() + ExpiresAfter).ToString("yyyy-MM-ddTHH:mm:ss'Z'", CultureInfo.InvariantCulture);
        var body = $"""
            Contact: {Contact(config)}
            Expires: {expires}
            Policy: {site}/security/disclosure
            Preferred-Languages: en
            Canonical: {site}/.well-known/security.txt

            """;
        return Results.Text(body, "text/plain; charset=utf-8");
    }

    internal static IResult Disclosure(IConfiguration config)
    {
        var contact = WebUtility.HtmlEncode(Contact(config));
        var mail = contact.StartsWith("mailto:", StringComparison.Ordinal) ? contact["mailto:".Length..] : contact;
        var html = $"""
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><title>Failkit vulnerability disclosure</title></head>
            <body>
            <h1>Vulnerability disclosure</h1>
            <p>Report a vulnerability in Failkit to <a href="{contact}">{mail}</a>. Please include the affected address, the steps
            to reproduce it and the impact you expect; encrypt it if you can.</p>
            <h2>Our commitments</h2>
            <ul>
              <li>We acknowledge your report within <strong>2 business days</strong>.</li>
              <li>We triage it and tell you our assessment within <strong>5 business days</strong>.</li>
              <li>We fix critical vulnerabilities within <strong>30 days</strong>, and tell you when the fix is live.</li>
            </ul>
            <h2>Safe harbour</h2>
            <p>We will not pursue good-faith research that respects these rules: test only against your own tenant, do not
            access or change other customers' data, do not degrade the service, and give us the time above before you publish.</p>
            </body></html>
            """;
        return Results.Content(html, "text/html; charset=utf-8");
    }

    private static string Contact(IConfiguration config) => config["Failkit:Security:Contact"] ?? DefaultContact;

    private static string PublicBase(HttpContext http, IConfiguration config) =>
        (config["Failkit:Tenant:PublicUrl"] ?? config["Failkit:Management:PublicUrl"] ?? $"{http.Request.Scheme}://{http.Request.Host}").TrimEnd('/');
}
