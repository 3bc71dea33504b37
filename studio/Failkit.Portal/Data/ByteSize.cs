using System.Globalization;

namespace Failkit.Portal.Data;

/// <summary>Disk sizes as people read them (binary units, like the agents and the clouds report them).</summary>
public static class ByteSize
{
    public static string Text(long bytes) => bytes switch
    {
        < 1 << 20 => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0:0.#} KiB"),
        < 1 << 30 => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1048576.0:0.#} MiB"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1073741824.0:0.#} GiB"),
    };
}
