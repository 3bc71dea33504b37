using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Failkit.Orchestration;
using Failkit.Tenancy;
using Microsoft.Extensions.Logging;

namespace Failkit.Management.Reports;

/// <summary>What became of one forward.</summary>
public enum ForwardOutcome
{
    /// <summary>The tenant plane has the recovery point (201 new, 200 already there).</summary>
    Delivered,

    /// <summary>The plane is not running, failed (5xx), could not be reached, or refused the key; try again later.</summary>
    Unavailable,

    /// <summary>The plane refused the report itself (400, 409...); sending it again cannot change that.</summary>
    Rejected,
}

/// <summary>The body of <c>POST /internal/recovery-points</c>: the report's metadata fields, the serial of the
/// certificate it came under, and when this plane took it. Nothing else crosses to the tenant plane.</summary>
public sealed record ForwardedReport(
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
    DateTimeOffset ReceivedAt);

/// <summary>Posts one outbox report to its tenant's plane, retrying with back-off on 5xx and connection errors.</summary>
public sealed class ReportForwarder(
    IOrchestrator orchestrator, IPlaneKeyProvider keys, IHttpClientFactory http, ReportForwardingOptions options, TimeProvider time,
    ILogger<ReportForwarder> log)
{
    public const string HttpClientName = "failkit-plane-forwarding";

    public async Task<(ForwardOutcome Outcome, int? Status)> ForwardAsync(OutboxReport row, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(row);
        var r = row.Report;
        var body = new ForwardedReport(r.Disk, r.PointId, r.PointTime, r.BytesScanned, r.BytesChanged, r.BytesUploaded, r.BlockCount,
            r.ManifestSha256, r.RpoObservedSeconds, row.CertificateSerial, row.ReceivedAt);
        var delay = options.FirstRetryDelay;
        int? last = null;
        for (var attempt = 1; attempt <= Math.Max(1, options.Attempts); attempt++)
        {
            if (attempt > 1)
            {
                await Task.Delay(delay, time, ct);
                delay *= 2;
            }

            var endpoint = await orchestrator.GetEndpointAsync(row.TenantSlug, ct);
            if (endpoint is null)
            {
                log.LogInformation("Report {Id}: the plane of {Slug} is not running", row.Id, row.TenantSlug);
                continue;
            }

            try
            {
                using var client = http.CreateClient(HttpClientName);
                using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(new Uri(endpoint.GetLeftPart(UriPartial.Authority) + "/"), "internal/recovery-points"))
                {
                    Content = JsonContent.Create(body),
                };
                request.Headers.Authorization = new AuthenticationHeaderValue(PlaneKeys.Scheme, await keys.KeyForAsync(row.TenantSlug, ct));
                using var response = await client.SendAsync(request, ct);
                last = (int)response.StatusCode;
                if (response.IsSuccessStatusCode)
                {
                    return (ForwardOutcome.Delivered, last);
                }

                if (response.StatusCode == HttpStatusCode.Unauthorized)
                {
                    // Keys change with the management secret and reach a plane at its restart; later may work.
                    log.LogWarning("Report {Id}: the plane of {Slug} refused the plane key", row.Id, row.TenantSlug);
                    return (ForwardOutcome.Unavailable, last);
                }

                if (last < 500 && response.StatusCode is not HttpStatusCode.RequestTimeout and not HttpStatusCode.TooManyRequests)
                {
                    log.LogError("Report {Id} (disk {Disk}, point {PointId}) refused by the plane of {Slug}: {Status} {Problem}", row.Id, r.Disk, r.PointId,
                        row.TenantSlug, last, await response.Content.ReadAsStringAsync(ct));
                    return (ForwardOutcome.Rejected, last);
                }

                log.LogWarning("Report {Id}: the plane of {Slug} answered {Status} (try {Attempt})", row.Id, row.TenantSlug, last, attempt);
            }
            catch (Exception ex) when (ex is HttpRequestException || (ex is TaskCanceledException && !ct.IsCancellationRequested))
            {
                log.LogWarning("Report {Id}: the plane of {Slug} is unreachable (try {Attempt}): {Error}", row.Id, row.TenantSlug, attempt, ex.Message);
            }
        }

        return (ForwardOutcome.Unavailable, last);
    }
}
