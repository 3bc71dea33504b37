using System.Text.Json;

namespace Failkit.Evidence.Format.Verification;

public static partial class ReportFolderVerifier
{
    private static Checked VerifyOne(FileGroup g, TrustedKeys keys)
    {
        var reasons = new List<string>();
        foreach (var stray in g.Strays)
        {
            reasons.Add($"report {g.Number} ({stray}): not a name the export writes (report files have six-digit numbers); was it renamed?");
        }

        if (g.Manifest is not null && g.Stub is not null)
        {
            reasons.Add($"report {g.Number} ({Path.GetFileName(g.Stub)}): a purged stub sits beside the full manifest; a report is either purged or not");
        }

        var sig = ReadSignature(g, reasons);
        if (g.Manifest is not null)
        {
            return VerifyManifest(g, sig, keys, reasons);
        }

        if (g.Stub is not null)
        {
            return VerifyStub(g, sig, keys, reasons);
        }

        var present = new[] { g.Signature, g.Pdf }.Where(f => f is not null).Select(Path.GetFileName);
        reasons.Add($"report {g.Number} ({string.Join(", ", present)}): there is no manifest ({ReportFiles.Manifest(g.Number)}) and no purged stub");
        return new Checked(Row(g, ReportFiles.Manifest(g.Number), null, null, sig, null, reasons), null);
    }

    private static Checked VerifyManifest(FileGroup g, ReportSignature? sig, TrustedKeys keys, List<string> reasons)
    {
        var file = Path.GetFileName(g.Manifest!);
        var at = $"report {g.Number} ({file})";
        var bytes = File.ReadAllBytes(g.Manifest!);
        var hash = EvidenceJson.Sha256Hex(bytes);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(bytes);
        }
        catch (JsonException ex)
        {
            reasons.Add($"{at}: the manifest is not valid JSON ({TrustedKeys.FirstSentence(ex.Message)})");
            return new Checked(Row(g, file, null, null, sig, null, reasons), null);
        }

        using var _ = document;
        var manifest = document.RootElement;
        if (manifest.ValueKind != JsonValueKind.Object)
        {
            reasons.Add($"{at}: the manifest is not a JSON object");
            return new Checked(Row(g, file, null, null, sig, null, reasons), null);
        }

        if (!CanonicalJson.IsCanonical(bytes))
        {
            reasons.Add($"{at}: the manifest is not canonical JSON (RFC 8785), so it was re-formatted or edited after sealing");
        }

        if (Text(manifest, ReportSeal.Fields.Format) != ReportSeal.ManifestFormat)
        {
            reasons.Add($"{at}: the manifest's format is not {ReportSeal.ManifestFormat}");
        }

        var number = Long(manifest, ReportSeal.Fields.ReportNumber);
        var drill = Guid.TryParse(Text(manifest, ReportSeal.Fields.DrillId), out var d) ? d : (Guid?)null;
        var generatedText = Text(manifest, ReportSeal.Fields.GeneratedAt);
        var generated = Time(generatedText);
        if (number is null || drill is null || generated is null)
        {
            reasons.Add($"{at}: the manifest lacks a valid report_number, drill_id or generated_at");
        }
        else if (number != g.Number)
        {
            reasons.Add($"{at}: the file name says report {g.Number}, but the manifest inside is report {number} (reports were renamed or reordered)");
        }

        CheckTenant(at, Text(manifest, ReportSeal.Fields.TenantId), keys, reasons);
        if (sig is not null)
        {
            CheckSignature(g, sig, number ?? g.Number, hash, generated, keys, reasons, $"{at}: the manifest does not match its signature " +
                $"(its SHA-256 is {Short(hash)}, the signature covers {Short(sig.ManifestSha256)}): the manifest was changed after signing");
        }

        CheckPdf(g, Text(manifest, ReportSeal.Fields.PdfSha256), reasons);
        var previous = Text(manifest, ReportSeal.Fields.PreviousReportSha256);
        var link = number is { } n ? new ChainLink(g.Number, n, file, hash, previous, generated) : null;
        return new Checked(Row(g, file, drill, generatedText, sig, null, reasons), link);
    }

    private static Checked VerifyStub(FileGroup g, ReportSignature? sig, TrustedKeys keys, List<string> reasons)
    {
        var file = Path.GetFileName(g.Stub!);
        var at = $"report {g.Number} ({file})";
        ReportStub stub;
        try
        {
            stub = ReportStub.Parse(File.ReadAllBytes(g.Stub!));
        }
        catch (JsonException ex)
        {
            reasons.Add($"{at}: the purged stub cannot be read ({TrustedKeys.FirstSentence(ex.Message)})");
            return new Checked(Row(g, file, null, null, sig, null, reasons), null);
        }

        var generated = Time(stub.GeneratedAt);
        if (stub.ReportNumber != g.Number)
        {
            reasons.Add($"{at}: the file name says report {g.Number}, but the stub inside is report {stub.ReportNumber} (reports were renamed or reordered)");
        }

        if (generated is null)
        {
            reasons.Add($"{at}: the stub's generated_at is not a time");
        }

        CheckTenant(at, stub.TenantId.ToString(), keys, reasons);
        if (sig is not null)
        {
            CheckSignature(g, sig, stub.ReportNumber, stub.ManifestSha256, generated, keys, reasons,
                $"{at}: the stub's manifest hash {Short(stub.ManifestSha256)} is not the one its signature covers ({Short(sig.ManifestSha256)})");
        }

        var link = new ChainLink(g.Number, stub.ReportNumber, file, stub.ManifestSha256, stub.PreviousReportSha256, generated);
        return new Checked(Row(g, file, stub.DrillId, stub.GeneratedAt, sig, stub.PurgedAt, reasons), link);
    }

    private static ReportVerification Row(
        FileGroup g, string file, Guid? drill, string? generated, ReportSignature? sig, string? purgedAt, List<string> reasons) =>
        new(g.Number, file, drill, generated,
            reasons.Count > 0 ? ReportStatus.Failed : purgedAt is not null ? ReportStatus.Purged : ReportStatus.Ok,
            sig?.KeyId, purgedAt, reasons);

    private static string? Text(JsonElement o, string field) =>
        o.TryGetProperty(field, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static long? Long(JsonElement o, string field) =>
        o.TryGetProperty(field, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt64(out var n) ? n : null;

    private static DateTimeOffset? Time(string? text)
    {
        try
        {
            return text is null ? null : EvidenceJson.ParseTime(text);
        }
        catch (FormatException)
        {
            return null;
        }
    }

    /// <summary>Hashes and key ids are long; twelve hex digits identify one in a message and keep the line readable.</summary>
    private static string Short(string? hex) => hex is null ? "none" : hex.Length > 12 ? hex[..12] + "…" : hex;
}
