using System.Net;
using System.Text.RegularExpressions;

namespace Failkit.Tenancy.Bench;

/// <summary>A browser's worth of one tenant's pages: cookies kept by hand (the Host header names the tenant, the URL is
/// the gateway's loopback address), forms posted with their antiforgery field.</summary>
internal sealed partial class Session(Platform platform, string host)
{
    private readonly Dictionary<string, string> _cookies = new(StringComparer.Ordinal);

    public async Task<HttpResponseMessage> GetAsync(string path)
    {
        var request = platform.Request(HttpMethod.Get, host, path);
        AddCookies(request);
        var response = await platform.SendAsync(request);
        Keep(response);
        return response;
    }

    /// <summary>Loads the form page, posts its fields plus the antiforgery token, and expects the redirect of success.</summary>
    public async Task SubmitAsync(string pagePath, string action, KeyValuePair<string, string>[] fields)
    {
        using var page = await GetAsync(pagePath);
        Platform.Expect(page, HttpStatusCode.OK, $"GET {pagePath} on {host}");
        var html = await page.Content.ReadAsStringAsync();
        var hidden = Antiforgery().Match(html);
        if (!hidden.Success)
        {
            throw new InvalidOperationException($"no antiforgery field on {pagePath}");
        }

        using var post = platform.Request(HttpMethod.Post, host, action);
        AddCookies(post);
        post.Content = new FormUrlEncodedContent([new(WebUtility.HtmlDecode(hidden.Groups[1].Value), WebUtility.HtmlDecode(hidden.Groups[2].Value)), .. fields]);
        using var response = await platform.SendAsync(post);
        Keep(response);
        Platform.Expect(response, HttpStatusCode.Redirect, $"POST {action} on {host}");
    }

    private void AddCookies(HttpRequestMessage request)
    {
        if (_cookies.Count > 0)
        {
            request.Headers.Add("Cookie", string.Join("; ", _cookies.Select(c => $"{c.Key}={c.Value}")));
        }
    }

    private void Keep(HttpResponseMessage response)
    {
        if (response.Headers.TryGetValues("Set-Cookie", out var cookies))
        {
            foreach (var cookie in cookies)
            {
                var pair = cookie.Split(';')[0];
                var eq = pair.IndexOf('=', StringComparison.Ordinal);
                _cookies[pair[..eq]] = pair[(eq + 1)..];
            }
        }
    }

    [GeneratedRegex("""<input type="hidden" name="([^"]+)" value="([^"]*)">""")]
    private static partial Regex Antiforgery();
}
