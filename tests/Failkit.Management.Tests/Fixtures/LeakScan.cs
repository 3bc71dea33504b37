using System.Buffers.Binary;

namespace Failkit.Management.Tests.Fixtures;

/// <summary>Finds whether any 8-byte run of a secret (a disk image, a ciphertext, a key) occurs in what a plane
/// received or stored. Eight random bytes recur by chance with odds of about 2^-64 per pair of positions, so a hit
/// is a leak.</summary>
public sealed class LeakScan
{
    private const int Window = 8;
    private readonly HashSet<ulong> _seen = [];

    public LeakScan(IEnumerable<byte[]> observed)
    {
        foreach (var bytes in observed)
        {
            for (var i = 0; i + Window <= bytes.Length; i++)
            {
                _seen.Add(BinaryPrimitives.ReadUInt64LittleEndian(bytes.AsSpan(i)));
            }
        }
    }

    /// <summary>The offset of the first run of <paramref name="secret"/> that was observed, or -1.</summary>
    public long FirstHit(ReadOnlySpan<byte> secret)
    {
        for (var i = 0; i + Window <= secret.Length; i++)
        {
            if (_seen.Contains(BinaryPrimitives.ReadUInt64LittleEndian(secret[i..])))
            {
                return i;
            }
        }

        return -1;
    }
}
