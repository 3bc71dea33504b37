using System.Buffers.Binary;
using System.Text;

namespace Failkit.Activities.Azure;

/// <summary>The 512-byte footer of a fixed VHD (Virtual Hard Disk Image Format Specification, "Hard Disk Footer
/// Format"). Azure imports a managed disk from a page blob only when the blob is a fixed VHD whose virtual size is a
/// whole number of MiB, so the replicated blocks are followed by this footer.</summary>
internal static class VhdFooter
{
    public const int Size = 512;
    public const long Alignment = 1L << 20;

    private static readonly DateTimeOffset Epoch = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static long VirtualSizeFor(long diskBytes) => (diskBytes + Alignment - 1) / Alignment * Alignment;

    public static byte[] Build(long virtualSize, Guid uniqueId, DateTimeOffset created)
    {
        var f = new byte[Size];
        var span = f.AsSpan();
        Encoding.ASCII.GetBytes("conectix", span);
        BinaryPrimitives.WriteUInt32BigEndian(span[8..], 2);
        BinaryPrimitives.WriteUInt32BigEndian(span[12..], 0x00010000);
        BinaryPrimitives.WriteUInt64BigEndian(span[16..], ulong.MaxValue);
        BinaryPrimitives.WriteUInt32BigEndian(span[24..], (uint)Math.Max(0, (created - Epoch).TotalSeconds));
        Encoding.ASCII.GetBytes("fkit", span[28..]);
        BinaryPrimitives.WriteUInt32BigEndian(span[32..], 0x00010000);
        Encoding.ASCII.GetBytes("Wi2k", span[36..]);
        BinaryPrimitives.WriteInt64BigEndian(span[40..], virtualSize);
        BinaryPrimitives.WriteInt64BigEndian(span[48..], virtualSize);
        var (cylinders, heads, sectors) = Geometry(virtualSize);
        BinaryPrimitives.WriteUInt16BigEndian(span[56..], cylinders);
        f[58] = heads;
        f[59] = sectors;
        BinaryPrimitives.WriteUInt32BigEndian(span[60..], 2);
        uniqueId.TryWriteBytes(span[68..], bigEndian: true, out _);
        uint sum = 0;
        foreach (var b in f)
        {
            sum += b;
        }

        BinaryPrimitives.WriteUInt32BigEndian(span[64..], ~sum);
        return f;
    }

    /// <summary>The CHS geometry algorithm of the VHD specification's appendix.</summary>
    private static (ushort Cylinders, byte Heads, byte Sectors) Geometry(long virtualSize)
    {
        var total = Math.Min(virtualSize / 512, 65535L * 16 * 255);
        long spt, heads, cth;
        if (total >= 65535L * 16 * 63)
        {
            spt = 255;
            heads = 16;
            cth = total / spt;
        }
        else
        {
            spt = 17;
            cth = total / spt;
            heads = Math.Max(4, (cth + 1023) / 1024);
            if (cth >= heads * 1024 || heads > 16)
            {
                spt = 31;
                heads = 16;
                cth = total / spt;
            }

            if (cth >= heads * 1024)
            {
                spt = 63;
                heads = 16;
                cth = total / spt;
            }
        }

        return ((ushort)(cth / heads), (byte)heads, (byte)spt);
    }
}
