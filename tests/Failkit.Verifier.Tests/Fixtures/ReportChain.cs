using System.Text.Json.Nodes;
using Failkit.Evidence.Format;
using NSec.Cryptography;

namespace Failkit.Verifier.Tests.Fixtures;

/// <summary>A real export folder: <see cref="Count"/> reports sealed with real Ed25519 keys by <see cref="ReportSeal"/>,
/// the tenant's key rotated after report <see cref="RotateAfter"/>, report <see cref="PurgedReport"/> purged to its stub,
/// and an audit export. The public-key file lives outside the folder, as an auditor would fetch it.</summary>
public sealed class ReportChain : IDisposable
{
    public const int Count = 8;
    public const int RotateAfter = 4;
    public const int PurgedReport = 2;

    public static readonly DateTimeOffset FirstReportAt = new(2026, 1, 5, 8, 0, 0, TimeSpan.Zero);
    public static readonly DateTimeOffset KeyACreated = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    public static readonly DateTimeOffset RotatedAt = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly string _root;
    private readonly Dictionary<int, JsonObject> _bodies = [];

    private ReportChain()
    {
        _root = Directory.CreateTempSubdirectory("failkit-verify-").FullName;
        Folder = Directory.CreateDirectory(System.IO.Path.Combine(_root, "export")).FullName;
        KeyFile = System.IO.Path.Combine(_root, "report-keys.json");
    }

    public string Folder { get; }

    public string KeyFile { get; }

    public Guid TenantId { get; } = Guid.NewGuid();

    public Key KeyA { get; } = Key.Create(SignatureAlgorithm.Ed25519);

    public Guid KeyAId { get; } = Guid.NewGuid();

    public Key KeyB { get; } = Key.Create(SignatureAlgorithm.Ed25519);

    public Guid KeyBId { get; } = Guid.NewGuid();

    public ReportKeySet Keys { get; private set; } = null!;

    public static ReportChain Create()
    {
        var chain = new ReportChain();
        try
        {
            chain.Build();
            return chain;
        }
        catch
        {
            chain.Dispose();
            throw;
        }
    }

    public static DateTimeOffset GeneratedAt(int n) => FirstReportAt.AddDays(14 * (n - 1));

    public string Path(string fileName) => System.IO.Path.Combine(Folder, fileName);

    /// <summary>Writes report n's manifest and signature from its body and the PDF now on disk, signed by the given key.</summary>
    public SealedReport Seal(int n, Key key, Guid keyId)
    {
        var sealedReport = ReportSeal.Seal(_bodies[n], File.ReadAllBytes(Path(ReportFiles.Pdf(n))), key, keyId);
        File.WriteAllBytes(Path(ReportFiles.Manifest(n)), sealedReport.Manifest);
        File.WriteAllBytes(Path(ReportFiles.Signature(n)), sealedReport.Signature.ToBytes());
        return sealedReport;
    }

    /// <summary>Adds report n, validly sealed with the current key, generated at <paramref name="at"/> and naming
    /// <paramref name="previous"/>: what a server holding the key could sign, right or wrong.</summary>
    public SealedReport Append(int n, DateTimeOffset at, string? previous)
    {
        _bodies[n] = Body(TenantId, n, at, previous);
        File.WriteAllBytes(Path(ReportFiles.Pdf(n)), FakePdf(n));
        return Seal(n, KeyB, KeyBId);
    }

    public string ManifestSha256(int n) => EvidenceJson.Sha256Hex(File.ReadAllBytes(Path(ReportFiles.Manifest(n))));

    /// <summary>Renames every file of report a to report b's number and the other way round.</summary>
    public void Swap(int a, int b)
    {
        foreach (var name in new Func<long, string>[] { ReportFiles.Manifest, ReportFiles.Signature, ReportFiles.Pdf })
        {
            File.Move(Path(name(a)), Path(name(a) + ".swap"));
            File.Move(Path(name(b)), Path(name(a)));
            File.Move(Path(name(a) + ".swap"), Path(name(b)));
        }
    }

    public void Dispose()
    {
        KeyA.Dispose();
        KeyB.Dispose();
        Directory.Delete(_root, recursive: true);
    }

    private void Build()
    {
        Keys = new ReportKeySet(TenantId, "acme",
        [
            KeyInfo(KeyAId, KeyA, KeyACreated, RotatedAt),
            KeyInfo(KeyBId, KeyB, RotatedAt, null),
        ]);
        File.WriteAllBytes(KeyFile, Keys.ToBytes());
        // The export may carry the keys too; the verifier must ignore that copy and use only the file it is given.
        File.WriteAllBytes(Path(ReportFiles.KeysFile), Keys.ToBytes());

        string? previous = null;
        for (var n = 1; n <= Count; n++)
        {
            var body = Body(TenantId, n, GeneratedAt(n), previous);
            _bodies[n] = body;
            File.WriteAllBytes(Path(ReportFiles.Pdf(n)), FakePdf(n));
            previous = Seal(n, n <= RotateAfter ? KeyA : KeyB, n <= RotateAfter ? KeyAId : KeyBId).ManifestSha256;
        }

        Purge(PurgedReport);
        AuditExport.Write(Path(ReportFiles.AuditFile), 10);
    }

    private void Purge(int n)
    {
        var manifest = File.ReadAllBytes(Path(ReportFiles.Manifest(n)));
        var body = _bodies[n];
        var stub = new ReportStub(ReportStub.StubFormat, n, TenantId, Guid.Parse(body[ReportSeal.Fields.DrillId]!.GetValue<string>()),
            EvidenceJson.Time(GeneratedAt(n)), EvidenceJson.Sha256Hex(manifest),
            body[ReportSeal.Fields.PreviousReportSha256]?.GetValue<string>(), EvidenceJson.Time(GeneratedAt(Count).AddDays(400)));
        File.WriteAllBytes(Path(ReportFiles.Stub(n)), stub.ToBytes());
        File.Delete(Path(ReportFiles.Manifest(n)));
        File.Delete(Path(ReportFiles.Pdf(n)));
    }

    private static JsonObject Body(Guid tenant, int n, DateTimeOffset at, string? previous) => new()
    {
        [ReportSeal.Fields.Format] = ReportSeal.ManifestFormat,
        [ReportSeal.Fields.ReportNumber] = n,
        [ReportSeal.Fields.TenantId] = tenant.ToString(),
        [ReportSeal.Fields.DrillId] = Guid.NewGuid().ToString(),
        [ReportSeal.Fields.GeneratedAt] = EvidenceJson.Time(at),
        [ReportSeal.Fields.Simulated] = true,
        [ReportSeal.Fields.PreviousReportSha256] = previous,
        ["rto"] = new JsonObject { ["target_seconds"] = 1800, ["achieved_seconds"] = 21.4 + n },
        ["verdict"] = "succeeded",
    };

    private static byte[] FakePdf(int n)
    {
        var bytes = new byte[4096];
        new Random(n).NextBytes(bytes);
        "%PDF-1.7\n"u8.CopyTo(bytes);
        return bytes;
    }

    private static ReportKeyInfo KeyInfo(Guid id, Key key, DateTimeOffset from, DateTimeOffset? until)
    {
        var raw = key.PublicKey.Export(KeyBlobFormat.RawPublicKey);
        return new ReportKeyInfo(id, ReportSignature.Ed25519, Convert.ToBase64String(raw), ReportKeyInfo.FingerprintOf(raw),
            EvidenceJson.Time(from), until is { } u ? EvidenceJson.Time(u) : null);
    }
}

/// <summary>An audit export chained by <see cref="AuditChainRule"/>: the first events in the old form (no source,
/// before or after), the rest in the new one.</summary>
public static class AuditExport
{
    public static IReadOnlyList<AuditRecord> Events(int count)
    {
        var events = new List<AuditRecord>();
        var previous = AuditChainRule.Genesis;
        for (var seq = 1; seq <= count; seq++)
        {
            var at = EvidenceJson.Time(ReportChain.FirstReportAt.AddMinutes(seq));
            var e = seq <= 3
                ? new AuditRecord(seq, at, "user.created", "owner@acme.example", $"user-{seq}", null, null, null, null, previous)
                : new AuditRecord(seq, at, "runbook.saved", "admin@acme.example", "drill-runbook", $"version {seq}", "10.0.0.7",
                    $"{{\"version\":{seq - 1}}}", $"{{\"version\":{seq}}}", previous);
            events.Add(e);
            previous = AuditChainRule.HashOf(e);
        }

        return events;
    }

    public static void Write(string file, int count) =>
        File.WriteAllLines(file, Events(count).Select(e => e.ToJsonLine()));
}
