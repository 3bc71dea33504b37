using System.Text.Json;

namespace Failkit.Evidence.Format.Verification;

/// <summary>A public-key document checked once before any report is looked at: every key is Ed25519, its public key
/// is 32 bytes, its fingerprint matches those bytes and its window parses. A key file that fails here is an input
/// error, because every verdict after it would be meaningless.</summary>
public sealed class TrustedKeys
{
    private readonly Dictionary<Guid, (ReportKeyInfo Info, byte[] Raw)> _keys;

    private TrustedKeys(ReportKeySet set, Dictionary<Guid, (ReportKeyInfo, byte[])> keys)
    {
        Set = set;
        _keys = keys;
    }

    public ReportKeySet Set { get; }

    /// <summary>Reads and checks a key file; throws <see cref="VerificationInputException"/> with a one-line reason.</summary>
    public static TrustedKeys Load(string file)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(file);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new VerificationInputException($"cannot read the public-key file {file}: {ex.Message}", ex);
        }

        try
        {
            return From(ReportKeySet.Parse(bytes));
        }
        catch (JsonException ex)
        {
            throw new VerificationInputException($"the public-key file {file} is not a Failkit report-keys document: {FirstSentence(ex.Message)}", ex);
        }
        catch (VerificationInputException ex)
        {
            throw new VerificationInputException($"the public-key file {file} is invalid: {ex.Message}", ex);
        }
    }

    public static TrustedKeys From(ReportKeySet set)
    {
        ArgumentNullException.ThrowIfNull(set);
        if (set.Keys.Count == 0)
        {
            throw new VerificationInputException("it holds no key");
        }

        var keys = new Dictionary<Guid, (ReportKeyInfo, byte[])>();
        foreach (var key in set.Keys)
        {
            if (!keys.TryAdd(key.KeyId, (key, Check(key))))
            {
                throw new VerificationInputException($"key {key.KeyId} is listed twice");
            }
        }

        return new TrustedKeys(set, keys);
    }

    public bool TryGet(Guid keyId, out ReportKeyInfo info, out byte[] rawPublicKey)
    {
        if (_keys.TryGetValue(keyId, out var k))
        {
            (info, rawPublicKey) = k;
            return true;
        }

        (info, rawPublicKey) = (null!, []);
        return false;
    }

    internal static string FirstSentence(string message)
    {
        // System.Text.Json appends "Path: $ | LineNumber: ..." to its messages; the first sentence is the useful part.
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message;
    }

    private static byte[] Check(ReportKeyInfo key)
    {
        var name = $"key {key.KeyId}";
        if (key.Algorithm != ReportSignature.Ed25519)
        {
            throw new VerificationInputException($"{name} uses {key.Algorithm}; only {ReportSignature.Ed25519} is accepted");
        }

        byte[] raw;
        try
        {
            raw = Convert.FromBase64String(key.PublicKey ?? "");
        }
        catch (FormatException)
        {
            throw new VerificationInputException($"{name}: public_key is not base64");
        }

        if (raw.Length != 32)
        {
            throw new VerificationInputException($"{name}: public_key holds {raw.Length} bytes, an Ed25519 public key has 32");
        }

        if (!string.Equals(key.Fingerprint, ReportKeyInfo.FingerprintOf(raw), StringComparison.OrdinalIgnoreCase))
        {
            throw new VerificationInputException($"{name}: the fingerprint {key.Fingerprint} is not the SHA-256 of its public key");
        }

        try
        {
            _ = key.Covers(DateTimeOffset.UnixEpoch);
        }
        catch (Exception ex) when (ex is FormatException or ArgumentNullException)
        {
            throw new VerificationInputException($"{name}: valid_from or valid_until is not a time");
        }

        return raw;
    }
}
