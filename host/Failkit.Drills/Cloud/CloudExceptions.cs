namespace Failkit.Drills.Cloud;

/// <summary>The account's settings or secret are missing or malformed; the message names the field.</summary>
public sealed class CloudConfigurationException(string message) : Exception(message);

/// <summary>The cloud refused a call for a reason retrying cannot fix (quota, permission, bad request). Carries the
/// cloud's error code and request id for the report.</summary>
public sealed class CloudOperationException(string message, string? errorCode = null, string? requestId = null, Exception? inner = null)
    : Exception(message, inner)
{
    public string? ErrorCode { get; } = errorCode;

    public string? RequestId { get; } = requestId;
}
