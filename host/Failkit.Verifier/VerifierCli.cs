using System.Text.Json;
using Failkit.Evidence.Format;
using Failkit.Evidence.Format.Verification;

namespace Failkit.Verifier;

/// <summary>Runs one verification. Exit 0: everything verified; 1: a verification failure; 2: the input cannot be
/// verified at all (usage, folder, key file). Every error is one line on stderr, never a stack trace.</summary>
public static class VerifierCli
{
    public const int Verified = 0;
    public const int NotVerified = 1;
    public const int InputError = 2;

    private static readonly JsonSerializerOptions Indented = new(EvidenceJson.Options) { WriteIndented = true };

    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        var parsed = CliArguments.Parse(args, out var usageError);
        if (parsed is null)
        {
            if (usageError is null)
            {
                output.WriteLine(CliArguments.Usage);
                return Verified;
            }

            error.WriteLine($"failkit-verify: {usageError}. {CliArguments.Usage}");
            return InputError;
        }

        try
        {
            var keys = TrustedKeys.Load(parsed.PublicKey);
            var result = ReportFolderVerifier.Verify(parsed.Folder, keys, parsed.Audit, parsed.Parallelism);
            if (parsed.Json)
            {
                output.WriteLine(JsonSerializer.Serialize(result, Indented));
            }
            else
            {
                ResultPrinter.Print(result, output);
            }

            return result.Verified ? Verified : NotVerified;
        }
        catch (VerificationInputException ex)
        {
            error.WriteLine($"failkit-verify: {ex.Message}");
            return InputError;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"failkit-verify: cannot read the folder: {ex.Message}");
            return InputError;
        }
        catch (Exception ex)
        {
            // A defect of the verifier, not a verdict on the reports: say so in one line rather than with a stack trace.
            error.WriteLine($"failkit-verify: internal error ({ex.GetType().Name}: {ex.Message}); no verdict was reached");
            return InputError;
        }
    }
}
