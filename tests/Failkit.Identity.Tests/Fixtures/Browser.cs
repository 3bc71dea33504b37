using System.Net.Http.Json;
using System.Text.RegularExpressions;

namespace Failkit.Identity.Tests.Fixtures;

/// <summary>Drives the server-rendered forms like a browser: fetches the page, posts back its antiforgery token,
/// sends its own Origin on unsafe API calls (as browsers do).</summary>
public sealed partial class Browser(HttpClient client) : IDisposable
{
    public HttpClient Client { get; } = client;

    public async Task<HttpResponseMessage> SubmitAsync(string pageUrl, string action, IDictionary<string, string> fields)
    {
        var page = await Client.GetStringAsync(pageUrl);
        var token = TokenField().Match(page);
        if (!token.Success)
        {
            throw new InvalidOperationException($"{pageUrl} has no antiforgery token.");
        }

        var form = new Dictionary<string, string>(fields) { [token.Groups["name"].Value] = WebDecode(token.Groups["value"].Value) };
        return await Client.PostAsync(action, new FormUrlEncodedContent(form));
    }

    public Task<HttpResponseMessage> LoginAsync(string email, string password) =>
        SubmitAsync("/login", "/login", new Dictionary<string, string> { ["email"] = email, ["password"] = password });

    /// <summary>An API call with the session cookie and this site's Origin.</summary>
    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string url, object? body = null, string? origin = TenantPlane.PublicUrl)
    {
        var request = new HttpRequestMessage(method, url);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        if (origin is not null)
        {
            request.Headers.Add("Origin", origin);
        }

        return Client.SendAsync(request);
    }

    public void Dispose() => Client.Dispose();

    private static string WebDecode(string value) => System.Net.WebUtility.HtmlDecode(value);

    // The identity pages write <input ...>, Blazor's AntiforgeryToken (the portal's sign-out form) <input ... />.
    [GeneratedRegex("""<input type="hidden" name="(?<name>__RequestVerificationToken)" value="(?<value>[^"]*)"\s*/?>""")]
    private static partial Regex TokenField();
}
