using System.Net;

namespace Failkit.Studio.Tests;

/// <summary>The session-to-token route and the API's refusal of anonymous callers.</summary>
public sealed class TokenTests(StudioHost host)
{
    [Fact]
    public async Task ElsaApi_WithoutToken_Is401()
    {
        using var anonymous = new HttpClient { BaseAddress = host.Url };
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync(new Uri("elsa/api/workflow-definitions", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync(new Uri("elsa/api/descriptors/activities", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task ElsaApi_SessionCookieFromAnotherSite_Is403()
    {
        using var session = await SessionAsync("owner");
        using var request = new HttpRequestMessage(HttpMethod.Post, "elsa/api/workflow-definitions")
        {
            Content = new StringContent("{}", System.Text.Encoding.UTF8, "text/plain"),
        };
        request.Headers.Add("Origin", "https://evil.example");
        Assert.Equal(HttpStatusCode.Forbidden, (await session.SendAsync(request)).StatusCode);
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData("1", "https://evil.example")]
    public async Task TokenRoute_CrossOriginOrWithoutHeader_Is403(string? header, string? origin)
    {
        using var session = await SessionAsync("owner");
        using var request = new HttpRequestMessage(HttpMethod.Post, "studio/token");
        if (header is not null)
        {
            request.Headers.Add("X-Failkit-Studio", header);
        }

        if (origin is not null)
        {
            request.Headers.Add("Origin", origin);
        }

        var response = await session.SendAsync(request);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Pages_WithoutSession_GoToLogin()
    {
        using var anonymous = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = host.Url };
        var page = await anonymous.GetAsync(new Uri("studio/definitions/failkit-example", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.StartsWith("/login", page.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        using var token = new HttpRequestMessage(HttpMethod.Post, "studio/token");
        token.Headers.Add("X-Failkit-Studio", "1");
        Assert.NotEqual(HttpStatusCode.OK, (await anonymous.SendAsync(token)).StatusCode);
    }

    [Fact]
    public async Task Page_EmbedsTheElementWithTheSameOriginApi()
    {
        using var session = await SessionAsync("auditor");
        var html = await session.GetStringAsync(new Uri("studio/definitions/a%3Cb", UriKind.Relative));
        Assert.Contains("<base href=\"/studio/\" />", html, StringComparison.Ordinal);
        Assert.Contains("\"element\":\"elsa-workflow-definition-editor\"", html, StringComparison.Ordinal);
        Assert.Contains("\"definition-id\":\"a\\u003Cb\"", html, StringComparison.Ordinal);
        Assert.Contains("\"api\":\"/elsa/api\"", html, StringComparison.Ordinal);
        var wasm = await session.GetAsync(new Uri("studio/_framework/blazor.webassembly.js", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, wasm.StatusCode);
    }

    private async Task<HttpClient> SessionAsync(string role)
    {
        var client = new HttpClient(new HttpClientHandler { CookieContainer = new(), AllowAutoRedirect = false }) { BaseAddress = host.Url };
        (await client.GetAsync(new Uri($"test/sign-in?role={role}", UriKind.Relative))).EnsureSuccessStatusCode();
        return client;
    }
}
