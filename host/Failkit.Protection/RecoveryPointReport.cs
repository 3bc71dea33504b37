using System.Text.Json;
using System.Text.Json.Serialization;

namespace Failkit.Protection;

/// <summary>
/// The body of <c>POST /internal/recovery-points</c>: an agent's metadata report as the management plane forwards
/// it, with the certificate serial it arrived under and the time the management plane took it. Parsing is strict:
/// a field outside this record is refused rather than dropped, so "only metadata crosses into the tenant plane" is
/// enforced at this boundary and a management plane that starts forwarding more is noticed at once.
/// </summary>
public sealed record RecoveryPointReport(
    string Disk,
    string PointId,
    DateTimeOffset PointTime,
    long BytesScanned,
    long BytesChanged,
    long BytesUploaded,
    int BlockCount,
    string ManifestSha256,
    double? RpoObservedSeconds,
    string CertificateSerial,
    DateTimeOffset ReceivedAt)
{
    /// <summary>A forwarded report is a few hundred bytes; anything much larger is not one.</summary>
    public const int MaxBodyBytes = 4096;

    /// <summary>The JSON options the management plane must serialize with, and this side parses with.</summary>
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        RespectRequiredConstructorParameters = true,
        RespectNullableAnnotations = true,
        AllowDuplicateProperties = false,
        NumberHandling = JsonNumberHandling.Strict,
    };

    /// <summary>Parses and validates a body; returns null and the problems when it is not a valid report.</summary>
    public static RecoveryPointReport? Parse(ReadOnlySpan<byte> body, out Dictionary<string, string[]> errors)
    {
        errors = [];
        RecoveryPointReport? report;
        try
        {
            report = JsonSerializer.Deserialize<RecoveryPointReport>(body, Json);
        }
        catch (JsonException ex)
        {
            // The message names the offending member and position, never echoes a value.
            errors["body"] = [ex.Message];
            return null;
        }

        if (report is null)
        {
            errors["body"] = ["the body is empty"];
            return null;
        }

        report.Validate(errors);
        // Npgsql writes timestamptz from UTC values only; the instant is what matters, not the sender's offset.
        return errors.Count == 0
            ? report with
            {
                ManifestSha256 = report.ManifestSha256.ToLowerInvariant(),
                PointTime = report.PointTime.ToUniversalTime(),
                ReceivedAt = report.ReceivedAt.ToUniversalTime(),
            }
            : null;
    }

    private void Validate(Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(Disk) || Disk.Length > 200)
        {
            errors["disk"] = ["disk must be 1-200 characters"];
        }

        if (string.IsNullOrWhiteSpace(PointId) || PointId.Length > 100)
        {
            errors["pointId"] = ["pointId must be 1-100 characters"];
        }

        if (BytesScanned < 0 || BytesChanged < 0 || BytesUploaded < 0 || BlockCount < 0 || RpoObservedSeconds < 0)
        {
            errors["counters"] = ["counters must not be negative"];
        }

        if (RpoObservedSeconds is { } rpo && !double.IsFinite(rpo))
        {
            errors["rpoObservedSeconds"] = ["rpoObservedSeconds must be a finite number"];
        }

        if (ManifestSha256.Length != 64 || !ManifestSha256.All(char.IsAsciiHexDigit))
        {
            errors["manifestSha256"] = ["manifestSha256 must be 64 hex digits"];
        }

        if (string.IsNullOrWhiteSpace(CertificateSerial) || CertificateSerial.Length > 64 || !CertificateSerial.All(char.IsAsciiHexDigit))
        {
            errors["certificateSerial"] = ["certificateSerial must be 1-64 hex digits"];
        }
    }
}
