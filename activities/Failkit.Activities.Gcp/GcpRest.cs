using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Failkit.Drills.Cloud;
using Google.Apis.Auth.OAuth2;

namespace Failkit.Activities.Gcp;

/// <summary>One authenticated JSON call to a Google REST API, with Google's error envelope mapped to the drill
/// contract: rate limits become <see cref="CloudThrottledException"/>, the rest <see cref="CloudOperationException"/>
/// carrying the error's reason and request id. Every call runs under the account's <see cref="CloudCalls"/>.</summary>
public sealed class GcpRest(HttpClient http, ITokenAccess token, CloudCalls calls, TimeProvider time)
{
    private const string Scope = "https://www.googleapis.com/auth/cloud-platform";

    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(3);

    public CloudCalls Calls => calls;

    public static ITokenAccess TokenFor(GcpSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var credential = CredentialFactory.FromJson<ServiceAccountCredential>(settings.ServiceAccountJson);
        return credential.ToGoogleCredential().CreateScoped(Scope);
    }

    /// <summary>Sends a request built fresh for every attempt; null for 404 when <paramref name="notFoundIsNull"/>.</summary>
    public Task<JsonObject?> SendAsync(
        HttpMethod method, Uri uri, JsonObject? body, CancellationToken ct, string? requestId = null, bool notFoundIsNull = false) =>
        SendAsync(() => new HttpRequestMessage(method, uri) { Content = body is null ? null : JsonContent(body) }, ct, requestId, notFoundIsNull);

    /// <param name="timeout">Per attempt; <see cref="Timeout.InfiniteTimeSpan"/> for none (uploads, whose length is the disk's). The default outlasts an
    /// operation <c>wait</c>, which the server holds for up to two minutes.</param>
    public Task<JsonObject?> SendAsync(
        Func<HttpRequestMessage> build, CancellationToken ct, string? requestId = null, bool notFoundIsNull = false, TimeSpan? timeout = null) =>
        calls.RunAsync(async c =>
        {
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(c);
            if (timeout != Timeout.InfiniteTimeSpan)
            {
                limit.CancelAfter(timeout ?? DefaultTimeout);
            }

            using var request = build();
            HttpResponseMessage response;
            string text;
            try
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await token.GetAccessTokenForRequestAsync(request.RequestUri!.ToString(), limit.Token));
                response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, limit.Token);
                text = await response.Content.ReadAsStringAsync(limit.Token);
            }
            catch (OperationCanceledException ex) when (!c.IsCancellationRequested)
            {
                // Our own per-call limit, not the caller's cancellation: a transport failure, like a dropped connection.
                throw new HttpRequestException($"{request.Method} {request.RequestUri?.AbsolutePath} got no answer within {timeout ?? DefaultTimeout}", ex);
            }

            using var disposeResponse = response;
            if (response.IsSuccessStatusCode)
            {
                return text.Length == 0 ? new JsonObject() : JsonNode.Parse(text) as JsonObject ?? new JsonObject();
            }

            if (response.StatusCode == HttpStatusCode.NotFound && notFoundIsNull)
            {
                return null;
            }

            throw Failure(request, response, text, requestId, time);
        }, ct);

    public static StringContent JsonContent(JsonObject body) =>
        new(body.ToJsonString(), System.Text.Encoding.UTF8, "application/json");

    private static Exception Failure(HttpRequestMessage request, HttpResponseMessage response, string text, string? sentRequestId, TimeProvider time)
    {
        JsonObject? error = null;
        try
        {
            error = (JsonNode.Parse(text) as JsonObject)?["error"] as JsonObject;
        }
        catch (System.Text.Json.JsonException)
        {
            // A proxy or load balancer answered with HTML or plain text; the status code still tells what happened.
        }

        var reason = (error?["errors"] as JsonArray)?.OfType<JsonObject>().Select(e => (string?)e["reason"]).FirstOrDefault(r => r is not null);
        var message = (string?)error?["message"] ?? (text.Length > 200 ? text[..200] : text);
        var what = $"{request.Method} {request.RequestUri?.AbsolutePath}";
        var status = (int)response.StatusCode;
        if (status == 429 || (status == 403 && reason is "rateLimitExceeded" or "userRateLimitExceeded"))
        {
            return new CloudThrottledException($"{what} was rate limited ({status} {reason}): {message}", RetryAfter(response, time));
        }

        var requestId = (error?["details"] as JsonArray)?.OfType<JsonObject>()
            .Where(d => ((string?)d["@type"])?.EndsWith("google.rpc.RequestInfo", StringComparison.Ordinal) == true)
            .Select(d => (string?)d["requestId"]).FirstOrDefault() ?? sentRequestId;
        return new CloudOperationException($"{what} failed with {status} {reason ?? (string?)error?["status"]}: {message}", reason ?? status.ToString(CultureInfo.InvariantCulture), requestId);
    }

    private static TimeSpan? RetryAfter(HttpResponseMessage response, TimeProvider time)
    {
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta)
        {
            return delta;
        }

        return header?.Date is { } date ? TimeSpan.FromTicks(Math.Max(0, (date - time.GetUtcNow()).Ticks)) : null;
    }
}
