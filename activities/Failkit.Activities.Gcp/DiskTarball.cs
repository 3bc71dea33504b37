using System.Formats.Tar;
using System.IO.Compression;
using Failkit.Drills.Cloud;

namespace Failkit.Activities.Gcp;

/// <summary>Writes a disk as the tarball GCE imports: one <c>disk.raw</c> entry in a gzipped GNU tar. It streams: only
/// the current block is held in memory, and the gaps between blocks are written as zeros.</summary>
public static class DiskTarball
{
    /// <summary>GCE imports raw disks whose size is a whole number of GiB.</summary>
    public const long GceGranularity = 1L << 30;

    public static long RawSize(DiskImage disk, long granularity)
    {
        ArgumentNullException.ThrowIfNull(disk);
        ArgumentOutOfRangeException.ThrowIfLessThan(granularity, 1);
        return (disk.SizeBytes + granularity - 1) / granularity * granularity;
    }

    public static async Task WriteAsync(DiskImage disk, long granularity, Stream destination, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(disk);
        await using var gzip = new GZipStream(destination, CompressionLevel.Fastest, leaveOpen: true);
        await using (var tar = new TarWriter(gzip, TarEntryFormat.Gnu, leaveOpen: true))
        {
            await using var raw = new SparseDiskStream(disk, RawSize(disk, granularity), ct);
            var entry = new GnuTarEntry(TarEntryType.RegularFile, "disk.raw") { DataStream = raw, Mode = UnixFileMode.UserRead | UnixFileMode.UserWrite };
            await tar.WriteEntryAsync(entry, ct);
        }
    }
}
