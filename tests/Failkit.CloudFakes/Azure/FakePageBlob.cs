namespace Failkit.CloudFakes.Azure;

/// <summary>A page blob held sparsely: only pages that were written are kept, the rest reads as zeros.</summary>
public sealed class FakePageBlob(long size, IReadOnlyDictionary<string, string> metadata)
{
    public const int PageSize = 512;

    private readonly SortedDictionary<long, byte[]> _pages = [];
    private readonly List<(long Offset, int Length)> _writes = [];

    public long Size { get; } = size;

    public IReadOnlyDictionary<string, string> Metadata { get; } = metadata;

    /// <summary>Every Put Page call's range, in arrival order.</summary>
    public IReadOnlyList<(long Offset, int Length)> Writes
    {
        get
        {
            lock (_pages)
            {
                return [.. _writes];
            }
        }
    }

    /// <summary>The offsets of the pages holding a non-zero byte.</summary>
    public IReadOnlyList<long> NonZeroPageOffsets()
    {
        lock (_pages)
        {
            return [.. _pages.Where(p => p.Value.Any(b => b != 0)).Select(p => p.Key)];
        }
    }

    public byte[] Read(long offset, int length)
    {
        var result = new byte[length];
        lock (_pages)
        {
            for (var page = offset / PageSize * PageSize; page < offset + length; page += PageSize)
            {
                if (!_pages.TryGetValue(page, out var data))
                {
                    continue;
                }

                var from = Math.Max(page, offset);
                var to = Math.Min(page + PageSize, offset + length);
                Array.Copy(data, from - page, result, from - offset, to - from);
            }
        }

        return result;
    }

    internal void Write(long offset, byte[] data)
    {
        lock (_pages)
        {
            _writes.Add((offset, data.Length));
            for (var i = 0; i < data.Length; i += PageSize)
            {
                _pages[offset + i] = data[i..(i + PageSize)];
            }
        }
    }
}
