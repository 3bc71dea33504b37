namespace Failkit.Sso;

/// <summary>A refused login or bad input. <see cref="Failure"/> is a stable code the problem details carry in
/// <c>failure</c>, so clients and tests can tell the reasons apart without parsing prose.</summary>
public sealed class SsoException : Exception
{
    public SsoException(string failure, string message, int status = StatusCodes.Status400BadRequest)
        : base(message)
    {
        Failure = failure;
        Status = status;
    }

    public SsoException()
        : this("Unknown", "SSO failed")
    {
    }

    public SsoException(string message)
        : this("Unknown", message)
    {
    }

    public SsoException(string message, Exception innerException)
        : base(message, innerException)
    {
        Failure = "Unknown";
        Status = StatusCodes.Status400BadRequest;
    }

    public string Failure { get; }

    public int Status { get; }

    internal ProblemHttpResult ToProblem() => TypedResults.Problem(
        detail: Message,
        statusCode: Status,
        title: "Single sign-on failed",
        extensions: new Dictionary<string, object?> { ["failure"] = Failure });
}
