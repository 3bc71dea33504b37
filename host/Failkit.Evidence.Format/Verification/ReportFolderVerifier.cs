namespace Failkit.Evidence.Format.Verification;

/// <summary>Verifies an export folder offline: each report on its own (signature, key, window, canonical form, PDF
/// hash), then the chain across them, then the audit export. It trusts nothing in the folder, only the key set it is
/// given, so a folder that carries its own <c>report-keys.json</c> proves nothing by that file.</summary>
public static partial class ReportFolderVerifier
{
    /// <param name="auditFile">The audit export to check; null checks <c>audit.jsonl</c> in the folder when it exists.</param>
    /// <param name="maxParallelism">Reports are independent until the chain walk, so they are checked in parallel;
    /// 1 checks them one by one, and 0 or less uses every core.</param>
    /// <exception cref="VerificationInputException">No folder, no report file in it, or a named audit file missing.</exception>
    public static VerificationResult Verify(string folder, ReportKeySet keys, string? auditFile = null, int maxParallelism = 0) =>
        Verify(folder, TrustedKeys.From(keys), auditFile, maxParallelism);

    public static VerificationResult Verify(string folder, TrustedKeys keys, string? auditFile = null, int maxParallelism = 0)
    {
        ArgumentNullException.ThrowIfNull(keys);
        if (!Directory.Exists(folder))
        {
            throw new VerificationInputException($"the folder {folder} does not exist");
        }

        var groups = Scan(folder);
        if (groups.Count == 0)
        {
            throw new VerificationInputException($"the folder {folder} holds no report files (report-NNNNNN.json, .stub.json, .sig, .pdf)");
        }

        var audit = auditFile ?? Path.Combine(folder, ReportFiles.AuditFile);
        if (auditFile is not null && !File.Exists(auditFile))
        {
            throw new VerificationInputException($"the audit file {auditFile} does not exist");
        }

        var checkedReports = new Checked[groups.Count];
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = maxParallelism > 0 ? maxParallelism : Environment.ProcessorCount };
        Parallel.For(0, groups.Count, parallel, i => checkedReports[i] = VerifyOrExplain(groups[i], keys));

        return new VerificationResult(
            keys.Set.TenantId,
            keys.Set.Tenant,
            [.. checkedReports.Select(c => c.Row)],
            CheckChain([.. checkedReports.Where(c => c.Link is not null).Select(c => c.Link!)]),
            File.Exists(audit) ? AuditLogVerifier.Verify(audit) : null);
    }

    private static Checked VerifyOrExplain(FileGroup g, TrustedKeys keys)
    {
        try
        {
            return VerifyOne(g, keys);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            var reason = $"report {g.Number}: a file cannot be read ({ex.Message})";
            return new Checked(new ReportVerification(g.Number, ReportFiles.Manifest(g.Number), null, null, ReportStatus.Failed, null, null, [reason]), null);
        }
    }

    /// <summary>The report files of the folder grouped by the number their names claim, in that order. Other files
    /// (the key document, the audit export, anything else) are not report files.</summary>
    private static List<FileGroup> Scan(string folder)
    {
        var groups = new SortedDictionary<long, FileGroup>();
        foreach (var path in Directory.EnumerateFiles(folder))
        {
            if (ReportFiles.NumberOf(path) is not { } number)
            {
                continue;
            }

            if (!groups.TryGetValue(number, out var g))
            {
                groups[number] = g = new FileGroup(number);
            }

            var name = Path.GetFileName(path);
            if (name == ReportFiles.Stub(number))
            {
                g.Stub = path;
            }
            else if (name == ReportFiles.Manifest(number))
            {
                g.Manifest = path;
            }
            else if (name == ReportFiles.Signature(number))
            {
                g.Signature = path;
            }
            else if (name == ReportFiles.Pdf(number))
            {
                g.Pdf = path;
            }
            else
            {
                // More than six digits of leading zeros, e.g. report-0000003.json: a file the export never writes.
                g.Strays.Add(name);
            }
        }

        return [.. groups.Values];
    }

    private sealed class FileGroup(long number)
    {
        public long Number { get; } = number;

        public string? Manifest { get; set; }

        public string? Stub { get; set; }

        public string? Signature { get; set; }

        public string? Pdf { get; set; }

        public List<string> Strays { get; } = [];
    }

    /// <summary>What the chain walk needs from one report: the number it claims (signed, for a manifest), the hash
    /// its successor must name, the hash it names, and when it was generated.</summary>
    private sealed record ChainLink(long FileNumber, long Number, string File, string Hash, string? Previous, DateTimeOffset? GeneratedAt);

    private sealed record Checked(ReportVerification Row, ChainLink? Link);
}
