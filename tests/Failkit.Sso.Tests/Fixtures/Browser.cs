using System.Net;
using System.Text.RegularExpressions;

namespace Failkit.Sso.Tests.Fixtures;

/// <summary>A cookie-keeping HTTP client that does not follow redirects by itself, so a test sees (and may
/// change) every hop between the tenant plane and the IdP, as a browser would make them.</summary>
internal sealed partial class Browser : IDisposable
{
    private readonly HttpClient _http = new(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer() })
    {
        Timeout = TimeSpan.FromSeconds(20),
    };

    public Task<HttpResponseMessage> GetAsync(Uri url) => _http.GetAsync(url);

    public Task<HttpResponseMessage> PostFormAsync(Uri url, IEnumerable<KeyValuePair<string, string>> fields) =>
        _http.PostAsync(url, new FormUrlEncodedContent(fields));

    public static Uri Location(HttpResponseMessage response, Uri from) =>
        response.Headers.Location is { } location
            ? new Uri(from, location)
            : throw new InvalidOperationException($"expected a redirect from {from}, got {(int)response.StatusCode}");

    public void Dispose() => _http.Dispose();
}

/// <summary>An HTML form: its action and its inputs (names and values, quotes of either kind, entities decoded).</summary>
internal sealed partial record HtmlForm(string Action, Dictionary<string, string> Fields)
{
    public static HtmlForm Parse(string html, int index = 0)
    {
        var forms = FormPattern().Matches(html).Where(m => Attributes(m.Groups[1].Value).ContainsKey("action")).ToList();
        if (forms.Count <= index)
        {
            throw new InvalidOperationException("no form with an action in:\n" + html[..Math.Min(html.Length, 2000)]);
        }

        var form = forms[index];
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (Match input in InputPattern().Matches(form.Groups[2].Value))
        {
            var attrs = Attributes(input.Groups[1].Value);
            if (attrs.TryGetValue("name", out var name))
            {
                fields[name] = attrs.GetValueOrDefault("value", "");
            }
        }

        return new HtmlForm(Attributes(form.Groups[1].Value)["action"], fields);
    }

    private static Dictionary<string, string> Attributes(string tag) =>
        AttributePattern().Matches(tag).ToDictionary(
            m => m.Groups[1].Value.ToLowerInvariant(),
            m => WebUtility.HtmlDecode(m.Groups[3].Success ? m.Groups[3].Value : m.Groups[4].Value),
            StringComparer.Ordinal);

    [GeneratedRegex(@"<form\b([^>]*)>(.*?)</form>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex FormPattern();

    [GeneratedRegex(@"<input\b([^>]*)>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex InputPattern();

    [GeneratedRegex(@"([\w-]+)\s*=\s*(""([^""]*)""|'([^']*)')", RegexOptions.Singleline)]
    private static partial Regex AttributePattern();
}
