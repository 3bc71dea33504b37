using System.IO.Compression;
using Failkit.Evidence.Format;
using Failkit.Tenancy.Audit;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Failkit.Evidence;

public sealed record RetentionRequest(int? Days);

public static partial class ReportEndpoints
{
    /// <summary>Every report in the <see cref="ReportFiles"/> layout (stubs for purged ones) plus report-keys.json: the
    /// folder the offline verifier takes.</summary>
    private static async Task<FileContentHttpResult> ExportAsync(HttpContext http, ReportStore store, ReportKeys keys, EvidenceOptions options,
        IAuditTrail audit, CancellationToken ct)
    {
        using var zip = new MemoryStream();
        var count = 0;
        using (var archive = new ZipArchive(zip, ZipArchiveMode.Create, leaveOpen: true))
        {
            await AddAsync(archive, ReportFiles.KeysFile, (await keys.KeySetAsync(ct)).ToBytes(), ct);
            long? before = null;
            while (await store.ListAsync(500, before, ct) is { Count: > 0 } page)
            {
                foreach (var e in page)
                {
                    await AddAsync(archive, ReportFiles.Signature(e.Number), e.Signature, ct);
                    if (e.PurgedAt is not null)
                    {
                        await AddAsync(archive, ReportFiles.Stub(e.Number), e.Stub(options.TenantId).ToBytes(), ct);
                        continue;
                    }

                    await AddAsync(archive, ReportFiles.Manifest(e.Number), await store.ManifestAsync(e.Number, ct) ?? [], ct);
                    await AddAsync(archive, ReportFiles.Pdf(e.Number), await store.PdfAsync(e.Number, ct) ?? [], ct);
                }

                count += page.Count;
                before = page[^1].Number;
            }
        }

        await audit.WriteAsync(AuditEntry.For(http, DownloadedKind, "reports/export", $"{count} reports"), ct);
        return TypedResults.File(zip.ToArray(), "application/zip", $"failkit-reports-{options.TenantSlug}.zip");
    }

    private static async Task<Ok<RetentionPolicy>> GetRetentionAsync(EvidenceRetention retention, CancellationToken ct) =>
        TypedResults.Ok(await retention.GetAsync(ct));

    private static async Task<Results<Ok<RetentionPolicy>, ValidationProblem>> PutRetentionAsync(RetentionRequest? body, HttpContext http,
        EvidenceRetention retention, TimeProvider time, CancellationToken ct)
    {
        if (EvidenceRetention.DaysError(body?.Days) is { } error)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["days"] = [error] });
        }

        return TypedResults.Ok(await retention.SetAsync(body!.Days!.Value, AuditEntry.For(http, EvidenceRetention.ChangedKind, "settings/retention"), time.GetUtcNow(), ct));
    }

    private static async Task AddAsync(ZipArchive archive, string name, byte[] content, CancellationToken ct)
    {
        var entry = archive.CreateEntry(name, CompressionLevel.Fastest);
        await using var stream = entry.Open();
        await stream.WriteAsync(content, ct);
    }
}
