using System.Runtime.InteropServices;

namespace Failkit.Agent.Targets;

internal static class ObjectStreams
{
    /// <summary>A read-only stream over the object's bytes, without copying them when they sit in an array.</summary>
    public static MemoryStream Of(ReadOnlyMemory<byte> data) =>
        MemoryMarshal.TryGetArray(data, out var segment)
            ? new MemoryStream(segment.Array!, segment.Offset, segment.Count, writable: false)
            : new MemoryStream(data.ToArray(), writable: false);
}
