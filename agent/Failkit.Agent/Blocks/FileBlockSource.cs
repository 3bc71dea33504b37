using Microsoft.Win32.SafeHandles;

namespace Failkit.Agent.Blocks;

/// <summary>A raw disk image file or a Linux block device (/dev/sdX, /dev/loopN, LVM snapshots).</summary>
public sealed class FileBlockSource : IBlockSource
{
    private readonly SafeFileHandle _handle;

    private FileBlockSource(string path, SafeFileHandle handle, long length, bool isDevice)
    {
        _handle = handle;
        Length = length;
        Description = (isDevice ? "block device " : "image ") + path;
    }

    public string Description { get; }

    public long Length { get; }

    public static FileBlockSource Open(string path)
    {
        var info = new FileInfo(path);
        if (Directory.Exists(path))
        {
            throw new AgentException($"disk '{path}' is a directory, not a disk image or block device");
        }

        var isDevice = path.StartsWith("/dev/", StringComparison.Ordinal);
        if (!info.Exists && !isDevice)
        {
            throw new AgentException($"disk '{path}' does not exist");
        }

        if (isDevice && !File.Exists(path))
        {
            throw new AgentException($"device '{path}' does not exist");
        }

        if (isDevice && !IsBlockDevice(path))
        {
            throw new AgentException($"device '{path}' is not a block device (character devices and pipes cannot be replicated)");
        }

        SafeFileHandle handle;
        try
        {
            handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        }
        catch (Exception ex) when (ex is UnauthorizedAccessException or IOException)
        {
            throw new AgentException($"cannot open disk '{path}' for reading: {ex.Message}");
        }

        var length = isDevice ? DeviceLength(path) : RandomAccess.GetLength(handle);
        if (length <= 0)
        {
            handle.Dispose();
            throw new AgentException($"disk '{path}' is empty");
        }

        return new FileBlockSource(path, handle, length, isDevice);
    }

    public int Read(long offset, Span<byte> buffer)
    {
        var total = 0;
        try
        {
            while (total < buffer.Length)
            {
                var n = RandomAccess.Read(_handle, buffer[total..], offset + total);
                if (n == 0)
                {
                    break;
                }

                total += n;
            }
        }
        catch (IOException ex)
        {
            throw new AgentException($"cannot read {Description} at offset {offset}: {ex.Message}");
        }

        return total;
    }

    public IReadOnlyList<(long Offset, long Length)>? ChangedRangesSince(string? changeId) => null;

    public void Dispose() => _handle.Dispose();

    private static bool IsBlockDevice(string path)
    {
        // fstat's S_IFBLK is not exposed by .NET; the sysfs entry exists exactly for block devices.
        return File.Exists(SysfsSizePath(path));
    }

    private static long DeviceLength(string path)
    {
        // fstat reports size 0 for block devices, so read the sector count (always 512-byte units) from sysfs.
        var text = File.ReadAllText(SysfsSizePath(path)).Trim();
        return long.Parse(text, System.Globalization.CultureInfo.InvariantCulture) * 512;
    }

    private static string SysfsSizePath(string path)
    {
        // Device-mapper and by-id names are symlinks (../dm-0); sysfs knows the kernel name only.
        var real = new FileInfo(path).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? path;
        return $"/sys/class/block/{Path.GetFileName(real)}/size";
    }
}
