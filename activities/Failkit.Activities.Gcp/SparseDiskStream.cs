using Failkit.Drills.Cloud;

namespace Failkit.Activities.Gcp;

/// <summary>Reads a <see cref="DiskImage"/> front to back as a flat disk of <c>length</c> bytes, zeros where no block
/// was enumerated. It reports a length (the tar header needs the size up front) but only moves forward.</summary>
public sealed class SparseDiskStream(DiskImage disk, long length, CancellationToken ct) : Stream
{
    private readonly IAsyncEnumerator<DiskBlock> _blocks = disk.ReadBlocks(ct).GetAsyncEnumerator(ct);
    private long _position;
    private DiskBlock? _current;
    private long _lastIndex = -1;
    private bool _exhausted;

    public override bool CanRead => true;

    public override bool CanSeek => true;

    public override bool CanWrite => false;

    public override long Length => length;

    public override long Position
    {
        get => _position;
        set
        {
            if (value != _position)
            {
                throw new NotSupportedException("a disk stream only moves forward");
            }
        }
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (_position >= length || buffer.IsEmpty)
        {
            return 0;
        }

        var block = await CurrentAsync();
        var count = (int)Math.Min(buffer.Length, length - _position);
        if (block is not { } b || b.Index * disk.BlockSize > _position)
        {
            // Zeros up to the next block with data.
            var gapEnd = block is { } next ? next.Index * disk.BlockSize : length;
            count = (int)Math.Min(count, gapEnd - _position);
            buffer.Span[..count].Clear();
        }
        else
        {
            var offset = (int)(_position - (b.Index * disk.BlockSize));
            var data = b.Data.Span;
            if (offset < data.Length)
            {
                count = Math.Min(count, data.Length - offset);
                data.Slice(offset, count).CopyTo(buffer.Span);
            }
            else
            {
                // A block shorter than the block size: its tail reads as zeros.
                count = Math.Min(count, disk.BlockSize - offset);
                buffer.Span[..count].Clear();
            }

            if (_position + count >= (b.Index + 1) * disk.BlockSize)
            {
                _current = null;
            }
        }

        _position += count;
        return count;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer, offset, count, CancellationToken.None).GetAwaiter().GetResult();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) =>
        origin == SeekOrigin.Begin && offset == _position ? _position : throw new NotSupportedException("a disk stream only moves forward");

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override async ValueTask DisposeAsync()
    {
        await _blocks.DisposeAsync();
        await base.DisposeAsync();
    }

    private async ValueTask<DiskBlock?> CurrentAsync()
    {
        while (_current is null && !_exhausted)
        {
            if (!await _blocks.MoveNextAsync())
            {
                _exhausted = true;
                break;
            }

            var block = _blocks.Current;
            if (block.Index <= _lastIndex)
            {
                throw new InvalidOperationException($"disk '{disk.DiskName}' enumerated block {block.Index} after block {_lastIndex}; blocks must come in ascending order");
            }

            if (block.Data.Length > disk.BlockSize || (block.Index * disk.BlockSize) + block.Data.Length > length)
            {
                throw new InvalidOperationException($"disk '{disk.DiskName}' block {block.Index} lies outside the disk");
            }

            _lastIndex = block.Index;
            _current = block;
        }

        return _current;
    }
}
