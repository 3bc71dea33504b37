using System.Buffers;
using System.Security.Cryptography;
using System.Text.Json;

namespace Failkit.Evidence.Format.Verification;

public static partial class ReportFolderVerifier
{
    private static ReportSignature? ReadSignature(FileGroup g, List<string> reasons)
    {
        var file = ReportFiles.Signature(g.Number);
        if (g.Signature is null)
        {
            reasons.Add($"report {g.Number} ({file}): the signature file is missing");
            return null;
        }

        try
        {
            return ReportSignature.Parse(File.ReadAllBytes(g.Signature));
        }
        catch (JsonException ex)
        {
            reasons.Add($"report {g.Number} ({file}): the signature file cannot be read ({TrustedKeys.FirstSentence(ex.Message)})");
            return null;
        }
    }

    /// <param name="hash">The hash the signature must cover: the manifest file's own SHA-256, or a stub's recorded one.</param>
    /// <param name="hashMismatch">The sentence for a signature over another hash, which differs for manifests and stubs.</param>
    private static void CheckSignature(
        FileGroup g, ReportSignature sig, long number, string hash, DateTimeOffset? generated, TrustedKeys keys, List<string> reasons,
        string hashMismatch)
    {
        var at = $"report {g.Number} ({ReportFiles.Signature(g.Number)})";
        if (sig.ReportNumber != number)
        {
            reasons.Add($"{at}: the signature file is for report {sig.ReportNumber}, not report {number}");
        }

        if (!string.Equals(sig.ManifestSha256, hash, StringComparison.OrdinalIgnoreCase))
        {
            reasons.Add(hashMismatch);
        }

        if (sig.Algorithm != ReportSignature.Ed25519)
        {
            reasons.Add($"{at}: signed with {sig.Algorithm}; only {ReportSignature.Ed25519} is accepted");
            return;
        }

        if (!keys.TryGet(sig.KeyId, out var key, out var raw))
        {
            reasons.Add($"{at}: signed by key {sig.KeyId}, which is not in the public-key file (another tenant's key?)");
            return;
        }

        if (!ReportSeal.SignatureValid(sig, raw))
        {
            reasons.Add($"{at}: the signature does not verify with key {sig.KeyId} (it was forged, altered, or made with another key)");
        }

        if (generated is { } t && !key.Covers(t))
        {
            var window = key.ValidUntil is null ? $"valid from {key.ValidFrom}" : $"valid from {key.ValidFrom} until {key.ValidUntil}";
            reasons.Add($"{at}: signed with key {sig.KeyId} outside its validity window ({window}; report generated {EvidenceJson.Time(t)})");
        }
    }

    private static void CheckTenant(string at, string? tenantId, TrustedKeys keys, List<string> reasons)
    {
        if (!Guid.TryParse(tenantId, out var tenant) || tenant != keys.Set.TenantId)
        {
            reasons.Add($"{at}: belongs to tenant {tenantId ?? "(none)"}, but the public-key file is for tenant {keys.Set.TenantId} ({keys.Set.Tenant})");
        }
    }

    private static void CheckPdf(FileGroup g, string? expected, List<string> reasons)
    {
        var at = $"report {g.Number} ({ReportFiles.Pdf(g.Number)})";
        if (g.Pdf is null)
        {
            reasons.Add($"{at}: the PDF is missing, and the report is not purged");
            return;
        }

        if (expected is null)
        {
            reasons.Add($"{at}: the manifest holds no pdf_sha256, so the PDF cannot be checked");
            return;
        }

        if (!string.Equals(HashFile(g.Pdf), expected, StringComparison.OrdinalIgnoreCase))
        {
            reasons.Add($"{at}: PDF hash does not match the manifest (the PDF was changed)");
        }
    }

    /// <summary>Streams the file through SHA-256 in large reads: PDFs are the bulk of the bytes a verification reads.</summary>
    private static string HashFile(string path)
    {
        using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.SequentialScan);
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = ArrayPool<byte>.Shared.Rent(1 << 20);
        try
        {
            long offset = 0;
            int read;
            while ((read = RandomAccess.Read(handle, buffer, offset)) > 0)
            {
                sha.AppendData(buffer, 0, read);
                offset += read;
            }

            return Convert.ToHexStringLower(sha.GetHashAndReset());
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
