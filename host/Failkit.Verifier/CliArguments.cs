namespace Failkit.Verifier;

/// <summary>The command line: <c>failkit-verify &lt;folder&gt; --public-key &lt;file&gt; [--audit &lt;file&gt;] [--json]</c>.</summary>
public sealed record CliArguments(string Folder, string PublicKey, string? Audit, bool Json, int Parallelism)
{
    public const string Usage =
        "usage: failkit-verify <folder> --public-key <file> [--audit <file>] [--json] [--parallel N]";

    /// <summary>Null with <paramref name="error"/> set when the line is wrong; null with no error for --help.</summary>
    public static CliArguments? Parse(IReadOnlyList<string> args, out string? error)
    {
        error = null;
        string? folder = null, key = null, audit = null;
        var json = false;
        var parallelism = 0;
        for (var i = 0; i < args.Count; i++)
        {
            var (name, inline) = Split(args[i]);
            string? Value()
            {
                if (inline is not null)
                {
                    return inline;
                }

                return i + 1 < args.Count ? args[++i] : null;
            }

            switch (name)
            {
                case "-h" or "--help":
                    return null;
                case "--json":
                    json = true;
                    break;
                case "--public-key":
                    key = Value() ?? Fail(out error, "--public-key needs a file");
                    break;
                case "--audit":
                    audit = Value() ?? Fail(out error, "--audit needs a file");
                    break;
                case "--parallel":
                    if (!int.TryParse(Value(), out parallelism) || parallelism < 1)
                    {
                        error = "--parallel needs a number of 1 or more";
                    }

                    break;
                case var option when option.StartsWith('-'):
                    error = $"unknown option '{option}'";
                    break;
                default:
                    if (folder is not null)
                    {
                        error = $"one folder only ('{folder}', then '{args[i]}')";
                    }

                    folder = args[i];
                    break;
            }

            if (error is not null)
            {
                return null;
            }
        }

        if (folder is null || key is null)
        {
            error = folder is null ? "the report folder is missing" : "--public-key <file> is required (the tenant's report-keys document)";
            return null;
        }

        return new CliArguments(folder, key, audit, json, parallelism);
    }

    private static (string Name, string? Inline) Split(string arg)
    {
        var eq = arg.IndexOf('=', StringComparison.Ordinal);
        return arg.StartsWith("--", StringComparison.Ordinal) && eq > 0 ? (arg[..eq], arg[(eq + 1)..]) : (arg, null);
    }

    private static string? Fail(out string? error, string message)
    {
        error = message;
        return null;
    }
}
