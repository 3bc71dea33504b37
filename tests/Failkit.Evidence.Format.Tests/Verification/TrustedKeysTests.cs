using System.Security.Cryptography;
using Failkit.Evidence.Format.Verification;

namespace Failkit.Evidence.Format.Tests.Verification;

public sealed class TrustedKeysTests
{
    private static readonly Guid KeyId = Guid.NewGuid();

    [Fact]
    public void ValidKey_Found()
    {
        var raw = RandomNumberGenerator.GetBytes(32);

        var keys = TrustedKeys.From(Set(Key(raw)));

        Assert.True(keys.TryGet(KeyId, out var info, out var found));
        Assert.Equal(raw, found);
        Assert.Equal(KeyId, info.KeyId);
        Assert.False(keys.TryGet(Guid.NewGuid(), out _, out _));
    }

    [Fact]
    public void InvalidKeys_RejectedWithTheReason()
    {
        var raw = RandomNumberGenerator.GetBytes(32);
        var shortKey = RandomNumberGenerator.GetBytes(31);

        Assert.Equal("it holds no key", Reason(Set()));
        Assert.Equal($"key {KeyId} uses RSA; only Ed25519 is accepted", Reason(Set(Key(raw) with { Algorithm = "RSA" })));
        Assert.Equal($"key {KeyId}: public_key holds 31 bytes, an Ed25519 public key has 32",
            Reason(Set(Key(raw) with { PublicKey = Convert.ToBase64String(shortKey), Fingerprint = ReportKeyInfo.FingerprintOf(shortKey) })));
        Assert.Equal($"key {KeyId}: public_key is not base64", Reason(Set(Key(raw) with { PublicKey = "not base64!" })));
        Assert.StartsWith($"key {KeyId}: the fingerprint", Reason(Set(Key(raw) with { Fingerprint = ReportKeyInfo.FingerprintOf(shortKey) })));
        Assert.Equal($"key {KeyId}: valid_from or valid_until is not a time", Reason(Set(Key(raw) with { ValidFrom = "yesterday" })));
        Assert.Equal($"key {KeyId} is listed twice", Reason(Set(Key(raw), Key(raw))));
    }

    [Fact]
    public void KeyFileNotJson_InputError()
    {
        var file = Path.GetTempFileName();
        try
        {
            File.WriteAllText(file, "[]");

            var ex = Assert.Throws<VerificationInputException>(() => TrustedKeys.Load(file));

            Assert.StartsWith($"the public-key file {file} is not a Failkit report-keys document", ex.Message);
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static string Reason(ReportKeySet set) => Assert.Throws<VerificationInputException>(() => TrustedKeys.From(set)).Message;

    private static ReportKeySet Set(params ReportKeyInfo[] keys) => new(Guid.NewGuid(), "acme", keys);

    private static ReportKeyInfo Key(byte[] raw) =>
        new(KeyId, ReportSignature.Ed25519, Convert.ToBase64String(raw), ReportKeyInfo.FingerprintOf(raw), "2026-01-01T00:00:00.000000Z", null);
}
