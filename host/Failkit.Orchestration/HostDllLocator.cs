namespace Failkit.Orchestration;

/// <summary>Finds <c>Failkit.Host.dll</c>: deployed side by side with the caller, or — in a source checkout — the
/// host's build output of the same configuration as the caller's.</summary>
public static class HostDllLocator
{
    public const string FileName = "Failkit.Host.dll";

    public static string Find(string? configured = null, string? baseDirectory = null)
    {
        if (!string.IsNullOrEmpty(configured))
        {
            return File.Exists(configured)
                ? Path.GetFullPath(configured)
                : throw new FileNotFoundException($"The configured host dll '{configured}' does not exist.", configured);
        }

        var start = (baseDirectory ?? AppContext.BaseDirectory).TrimEnd(Path.DirectorySeparatorChar);
        var sideBySide = Path.Combine(start, FileName);
        if (File.Exists(sideBySide))
        {
            return sideBySide;
        }

        // bin/<config>/net10.0/: the caller's configuration is the name of the folder above its output folder.
        var config = new DirectoryInfo(start).Parent?.Name ?? "Debug";
        string[] configs = config is "Debug" or "Release" ? [config] : ["Debug", "Release"];
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            foreach (var c in configs)
            {
                var candidate = Path.Combine(dir.FullName, "host", "Failkit.Host", "bin", c, "net10.0", FileName);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        throw new FileNotFoundException(
            $"{FileName} was found neither next to {start} nor under host/Failkit.Host/bin/{config}; build the host first.");
    }
}
