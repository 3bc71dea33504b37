namespace Failkit.Drills.Cloud;

[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<ProbeKind>))]
public enum ProbeKind
{
    Http,
    Tcp,
    Script,
}

/// <summary>How to tell that a VM's application answers.</summary>
/// <param name="Url">HTTP(S) only. <c>{address}</c> is replaced with the instance's private address.</param>
/// <param name="ExpectedStatus">HTTP only; 200 when omitted.</param>
/// <param name="ExpectedBody">HTTP only: a substring the body must contain.</param>
/// <param name="Port">TCP only.</param>
/// <param name="Script">Script only: a shell script run through the cloud's run-command; exit code 0 passes.</param>
public sealed record ProbeSpec(
    string Name,
    ProbeKind Kind,
    string? Url = null,
    int? ExpectedStatus = null,
    string? ExpectedBody = null,
    int? Port = null,
    string? Script = null);

/// <summary>The outcome of one probe attempt.</summary>
public sealed record ProbeAttempt(bool Passed, string Detail, string? RequestId = null);
