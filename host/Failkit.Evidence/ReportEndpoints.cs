using Failkit.Evidence.Format;
using Failkit.Tenancy.Audit;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Failkit.Evidence;

/// <summary>A report as the list shows it.</summary>
public sealed record ReportSummary(long Number, Guid DrillId, string Verdict, bool Simulated, DateTimeOffset GeneratedAt, DateTimeOffset? PurgedAt,
    string ManifestSha256, Guid KeyId);

/// <summary>The report downloads. Each download is audited (<c>report.downloaded</c>); a drill without a report yet
/// answers 404, the body of a purged report 410.</summary>
public static partial class ReportEndpoints
{
    public const string DownloadedKind = "report.downloaded";

    public static IEndpointRouteBuilder MapReportEndpoints(this IEndpointRouteBuilder app, EvidencePolicies policies)
    {
        ArgumentNullException.ThrowIfNull(policies);
        var drills = app.MapGroup("/api/drills/{id:guid}").WithTags("Reports").RequireAuthorization(policies.Read);
        drills.MapGet("/report.pdf", PdfAsync).WithName("GetDrillReportPdf");
        drills.MapGet("/report.json", ManifestAsync).WithName("GetDrillReportManifest");
        drills.MapGet("/report.sig", SignatureAsync).WithName("GetDrillReportSignature");
        var reports = app.MapGroup("/api/reports").WithTags("Reports").RequireAuthorization(policies.Read);
        reports.MapGet("", ListAsync).WithName("ListReports");
        reports.MapGet("/export", ExportAsync).WithName("ExportReports");
        app.MapGet("/.well-known/failkit/report-keys", KeysAsync).WithTags("Reports").WithName("GetReportKeys").AllowAnonymous();
        app.MapPost("/api/report-keys/rotate", RotateAsync).WithTags("Reports").WithName("RotateReportKey").RequireAuthorization(policies.Owner);
        var settings = app.MapGroup("/api/settings/retention").WithTags("Reports").RequireAuthorization(policies.Owner);
        settings.MapGet("", GetRetentionAsync).WithName("GetRetention");
        settings.MapPut("", PutRetentionAsync).WithName("PutRetention");
        return app;
    }

    private static Task<Results<FileContentHttpResult, ProblemHttpResult>> PdfAsync(Guid id, HttpContext http, ReportStore store, IAuditTrail audit, CancellationToken ct) =>
        DownloadAsync(id, "report.pdf", "application/pdf", e => store.PdfAsync(e.Number, ct), ReportFiles.Pdf, http, store, audit, ct);

    private static Task<Results<FileContentHttpResult, ProblemHttpResult>> ManifestAsync(Guid id, HttpContext http, ReportStore store, IAuditTrail audit, CancellationToken ct) =>
        DownloadAsync(id, "report.json", "application/json", e => store.ManifestAsync(e.Number, ct), ReportFiles.Manifest, http, store, audit, ct);

    private static Task<Results<FileContentHttpResult, ProblemHttpResult>> SignatureAsync(Guid id, HttpContext http, ReportStore store, IAuditTrail audit, CancellationToken ct) =>
        DownloadAsync(id, "report.sig", "application/json", e => Task.FromResult<byte[]?>(e.Signature), ReportFiles.Signature, http, store, audit, ct);

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> DownloadAsync(Guid id, string file, string contentType,
        Func<ReportEntry, Task<byte[]?>> bytes, Func<long, string> fileName, HttpContext http, ReportStore store, IAuditTrail audit, CancellationToken ct)
    {
        if (await store.FindAsync(id, ct) is not { } entry)
        {
            return TypedResults.Problem($"Drill {id} has no report (yet): reports are made when a drill has finished.", statusCode: StatusCodes.Status404NotFound,
                title: "No report");
        }

        if (await bytes(entry) is not { } content)
        {
            return TypedResults.Problem(
                $"Report {entry.Number} was purged by the retention policy on {EvidenceJson.Time(entry.PurgedAt!.Value)}; its hash, signature and chain link remain (report.sig, and the export's stub).",
                statusCode: StatusCodes.Status410Gone, title: "Purged by retention");
        }

        await audit.WriteAsync(AuditEntry.For(http, DownloadedKind, $"drill/{id}/{file}", $"report {entry.Number}"), ct);
        return TypedResults.File(content, contentType, fileName(entry.Number));
    }

    private static async Task<Ok<IReadOnlyList<ReportSummary>>> ListAsync(long? before, int? limit, ReportStore store, CancellationToken ct) =>
        TypedResults.Ok<IReadOnlyList<ReportSummary>>([.. (await store.ListAsync(Math.Clamp(limit ?? 100, 1, 1000), before, ct))
            .Select(e => new ReportSummary(e.Number, e.DrillId, e.Verdict, e.Simulated, e.GeneratedAt, e.PurgedAt, e.ManifestSha256, e.KeyId))]);

    /// <summary>The keys document exactly as the verifier's <c>--public-key</c> file (canonical JSON, snake_case).</summary>
    private static async Task<FileContentHttpResult> KeysAsync(ReportKeys keys, CancellationToken ct) =>
        TypedResults.File((await keys.KeySetAsync(ct)).ToBytes(), "application/json", ReportFiles.KeysFile);

    private static async Task<Ok<ReportKeyInfo>> RotateAsync(HttpContext http, ReportKeys keys, CancellationToken ct) =>
        TypedResults.Ok(await keys.RotateAsync(AuditEntry.For(http, "report-key.rotated", "evidence/signing-keys"), ct));
}
