using System.Net;
using System.Text.Json;

namespace Failkit.Sso.Tests.Fixtures;

internal static class Problems
{
    /// <summary>Asserts an RFC 7807 answer with the given status and returns its <c>failure</c> code.</summary>
    public static async Task<string?> FailureAsync(HttpResponseMessage response, HttpStatusCode status = HttpStatusCode.BadRequest)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"expected {status}, got {response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var json = JsonDocument.Parse(body);
        return json.RootElement.TryGetProperty("failure", out var failure) ? failure.GetString() : null;
    }
}
