namespace Failkit.Testing;

/// <summary>Finds the host binary built next to this test project (same configuration).</summary>
public static class HostBinary
{
    public static string Dll()
    {
        var config = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "host", "Failkit.Host", "bin", config, "net10.0", "Failkit.Host.dll");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException($"Failkit.Host.dll ({config}) was not found; build the solution first (dotnet build -c {config}).");
    }
}
