using System.Net;
using Amazon.Runtime;
using Failkit.Drills.Cloud;

namespace Failkit.Activities.Aws;

internal static class AwsErrors
{
    private static readonly HashSet<string> ThrottlingCodes = new(StringComparer.Ordinal)
    {
        "RequestLimitExceeded", "Throttling", "ThrottlingException", "ThrottledException", "RequestThrottledException",
        "TooManyRequestsException", "RequestThrottled", "SlowDown",
    };

    public static bool IsThrottling(string? code, HttpStatusCode status) =>
        (code is not null && ThrottlingCodes.Contains(code)) || status == HttpStatusCode.TooManyRequests;

    /// <summary>Throttling becomes <see cref="CloudThrottledException"/> (CloudCalls retries it); any other refusal
    /// becomes <see cref="CloudOperationException"/> with the code and request id the report quotes. A service
    /// exception without a code is a transport failure (null: rethrow it as it is) so the step's own retry handles it.</summary>
    public static Exception? Map(string operation, AmazonServiceException ex)
    {
        if (IsThrottling(ex.ErrorCode, ex.StatusCode))
        {
            return new CloudThrottledException($"{operation} was throttled ({ex.ErrorCode}).", null, ex);
        }

        return string.IsNullOrEmpty(ex.ErrorCode) && ex.InnerException is HttpRequestException or IOException
            ? null
            : new CloudOperationException($"{operation} failed: {ex.ErrorCode}: {ex.Message}", ex.ErrorCode, ex.RequestId, ex);
    }
}
