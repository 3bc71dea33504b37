using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Failkit.Agent.Crypto;

/// <summary>
/// AES-256-GCM for one block. The stored object is nonce || ciphertext || tag so a block can be
/// checked on its own (resume adopts orphaned uploads that way). The associated data binds the
/// ciphertext to its block index and to the recovery point that wrote it, so a block cannot be
/// swapped to another position or replayed into another point without failing authentication.
/// </summary>
public static class BlockCipher
{
    public const int NonceSize = 12;
    public const int TagSize = 16;
    public const int Overhead = NonceSize + TagSize;

    public static byte[] Encrypt(byte[] dataKey, long index, string pointId, ReadOnlySpan<byte> plaintext, out byte[] nonce)
    {
        var output = new byte[Overhead + plaintext.Length];
        nonce = EncryptInto(dataKey, index, pointId, plaintext, output);
        return output;
    }

    /// <summary>Writes nonce || ciphertext || tag into output (at least plaintext + <see cref="Overhead"/> bytes) and returns the nonce.</summary>
    public static byte[] EncryptInto(byte[] dataKey, long index, string pointId, ReadOnlySpan<byte> plaintext, Span<byte> output)
    {
        // Random 96-bit nonces: a fresh key per recovery point sees at most a few million blocks,
        // far under the 2^32 messages NIST allows per key with random nonces. A counter would repeat
        // when a killed cycle resumes with the same key and a block changed in between.
        var nonce = RandomNumberGenerator.GetBytes(NonceSize);
        nonce.CopyTo(output);
        using var aes = new AesGcm(dataKey, TagSize);
        aes.Encrypt(nonce, plaintext, output.Slice(NonceSize, plaintext.Length),
            output.Slice(NonceSize + plaintext.Length, TagSize), AssociatedData(index, pointId));
        return nonce;
    }

    /// <summary>Returns the plaintext, or null when the object fails authentication.</summary>
    public static byte[]? Decrypt(byte[] dataKey, long index, string pointId, ReadOnlySpan<byte> stored)
    {
        if (stored.Length < Overhead)
        {
            return null;
        }

        var plaintext = new byte[stored.Length - Overhead];
        using var aes = new AesGcm(dataKey, TagSize);
        try
        {
            aes.Decrypt(stored[..NonceSize], stored.Slice(NonceSize, plaintext.Length),
                stored[(NonceSize + plaintext.Length)..], plaintext, AssociatedData(index, pointId));
            return plaintext;
        }
        catch (AuthenticationTagMismatchException)
        {
            return null;
        }
    }

    public static byte[] AssociatedData(long index, string pointId)
    {
        var point = Encoding.UTF8.GetBytes(pointId);
        var aad = new byte[8 + point.Length];
        BinaryPrimitives.WriteInt64BigEndian(aad, index);
        point.CopyTo(aad, 8);
        return aad;
    }
}
