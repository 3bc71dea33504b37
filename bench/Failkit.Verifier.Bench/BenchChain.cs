using System.Text.Json.Nodes;
using Failkit.Evidence.Format;
using NSec.Cryptography;

namespace Failkit.Verifier.Bench;

/// <summary>A folder of sealed reports as the server exports them: a key rotation halfway, the oldest 1% purged to
/// stubs, PDFs of random bytes (incompressible, so no layer below can shortcut the hashing).</summary>
public sealed class BenchChain : IDisposable
{
    private BenchChain(string folder, ReportKeySet keys, long pdfBytes, long manifestBytes, List<(byte[] Hash, byte[] Signature, int Key)> signatures, byte[][] publicKeys)
    {
        Folder = folder;
        Keys = keys;
        PdfBytes = pdfBytes;
        ManifestBytes = manifestBytes;
        Signatures = signatures;
        PublicKeys = publicKeys;
    }

    public string Folder { get; }

    public ReportKeySet Keys { get; }

    public long PdfBytes { get; }

    public long ManifestBytes { get; }

    /// <summary>Every report's signed hash and signature, for the raw Ed25519 loop over the same work.</summary>
    public List<(byte[] Hash, byte[] Signature, int Key)> Signatures { get; }

    public byte[][] PublicKeys { get; }

    public static BenchChain Write(int count, int pdfKiB, int vmsPerReport)
    {
        var folder = Directory.CreateTempSubdirectory("failkit-verify-bench-").FullName;
        var tenant = Guid.NewGuid();
        var start = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var rotatedAt = start.AddHours(count / 2.0);
        using var keyA = Key.Create(SignatureAlgorithm.Ed25519);
        using var keyB = Key.Create(SignatureAlgorithm.Ed25519);
        var ids = new[] { Guid.NewGuid(), Guid.NewGuid() };
        var publicKeys = new[] { keyA.PublicKey.Export(KeyBlobFormat.RawPublicKey), keyB.PublicKey.Export(KeyBlobFormat.RawPublicKey) };
        var keys = new ReportKeySet(tenant, "bench",
        [
            Info(ids[0], publicKeys[0], start.AddDays(-1), rotatedAt),
            Info(ids[1], publicKeys[1], rotatedAt, null),
        ]);

        var pdf = new byte[pdfKiB * 1024];
        Random.Shared.NextBytes(pdf);
        var signatures = new List<(byte[], byte[], int)>(count);
        long pdfBytes = 0, manifestBytes = 0;
        string? previous = null;
        for (var n = 1; n <= count; n++)
        {
            var at = start.AddHours(n - 0.5);
            var k = at < rotatedAt ? 0 : 1;
            // Each PDF differs in its first bytes, so every file has its own hash, as real reports do.
            BitConverter.TryWriteBytes(pdf.AsSpan(16), n);
            var sealedReport = ReportSeal.Seal(Body(tenant, n, at, previous, vmsPerReport), pdf, k == 0 ? keyA : keyB, ids[k]);
            File.WriteAllBytes(Path.Combine(folder, ReportFiles.Signature(n)), sealedReport.Signature.ToBytes());
            if (n <= count / 100)
            {
                var stub = new ReportStub(ReportStub.StubFormat, n, tenant, Guid.NewGuid(), EvidenceJson.Time(at), sealedReport.ManifestSha256, previous,
                    EvidenceJson.Time(start.AddYears(2)));
                File.WriteAllBytes(Path.Combine(folder, ReportFiles.Stub(n)), stub.ToBytes());
            }
            else
            {
                File.WriteAllBytes(Path.Combine(folder, ReportFiles.Manifest(n)), sealedReport.Manifest);
                File.WriteAllBytes(Path.Combine(folder, ReportFiles.Pdf(n)), pdf);
                pdfBytes += pdf.Length;
                manifestBytes += sealedReport.Manifest.Length;
            }

            signatures.Add((Convert.FromHexString(sealedReport.ManifestSha256), Convert.FromBase64String(sealedReport.Signature.Signature), k));
            previous = sealedReport.ManifestSha256;
        }

        return new BenchChain(folder, keys, pdfBytes, manifestBytes, signatures, publicKeys);
    }

    public void Dispose() => Directory.Delete(Folder, recursive: true);

    /// <summary>A manifest shaped like a real one: RTO/RPO, a per-VM table with probe output, approvals, cleanup.</summary>
    private static JsonObject Body(Guid tenant, int n, DateTimeOffset at, string? previous, int vms)
    {
        var table = new JsonArray();
        for (var v = 0; v < vms; v++)
        {
            table.Add(new JsonObject
            {
                ["vm"] = $"vm-{v}",
                ["wave"] = v % 3 + 1,
                ["recovery_point"] = EvidenceJson.Time(at.AddMinutes(-15)),
                ["instance_id"] = $"i-{n:x8}{v:x4}",
                ["request_ids"] = new JsonArray($"req-{Guid.NewGuid()}", $"req-{Guid.NewGuid()}"),
                ["boot_seconds"] = 40.5 + v,
                ["probes"] = new JsonArray(new JsonObject { ["kind"] = "http", ["ok"] = true, ["output"] = "HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\nok" }),
                ["rto_seconds"] = 61.25 + v,
                ["verdict"] = "passed",
            });
        }

        return new JsonObject
        {
            [ReportSeal.Fields.Format] = ReportSeal.ManifestFormat,
            [ReportSeal.Fields.ReportNumber] = n,
            [ReportSeal.Fields.TenantId] = tenant.ToString(),
            [ReportSeal.Fields.DrillId] = Guid.NewGuid().ToString(),
            [ReportSeal.Fields.GeneratedAt] = EvidenceJson.Time(at),
            [ReportSeal.Fields.Simulated] = true,
            [ReportSeal.Fields.PreviousReportSha256] = previous,
            ["runbook"] = new JsonObject { ["definition_id"] = "drill-runbook", ["version"] = 3, ["definition_sha256"] = new string('a', 64) },
            ["rto"] = new JsonObject { ["target_seconds"] = 1800, ["achieved_seconds"] = 412.5 },
            ["rpo"] = new JsonObject { ["target_seconds"] = 900, ["achieved_seconds"] = 181.2 },
            ["vms"] = table,
            ["approvals"] = new JsonArray(new JsonObject { ["by"] = "ops@bench.example", ["at"] = EvidenceJson.Time(at.AddMinutes(-30)) }),
            ["cleanup"] = new JsonObject { ["deleted"] = 4 * vms, ["leftovers"] = new JsonArray() },
            ["verdict"] = "succeeded",
        };
    }

    private static ReportKeyInfo Info(Guid id, byte[] raw, DateTimeOffset from, DateTimeOffset? until) =>
        new(id, ReportSignature.Ed25519, Convert.ToBase64String(raw), ReportKeyInfo.FingerprintOf(raw), EvidenceJson.Time(from),
            until is { } u ? EvidenceJson.Time(u) : null);
}
