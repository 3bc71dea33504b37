namespace Failkit.Agent.Tests.Fixtures;

/// <summary>Locates the repository (the folder holding Failkit.sln) and the tools the tests run.</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string EmulatorBin(string name)
    {
        var path = Path.Combine(Root, "tests", "emulators", "node_modules", ".bin", name);
        Assert.True(File.Exists(path), $"{name} is not installed at {path}; run: npm ci --prefix tests/emulators");
        return path;
    }

    /// <summary>The agent as built next to this test assembly, for tests that need a real process to kill.</summary>
    public static string AgentDll
    {
        get
        {
            var path = Path.Combine(AppContext.BaseDirectory, "Failkit.Agent.dll");
            Assert.True(File.Exists(path), $"agent assembly missing at {path}");
            return path;
        }
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Failkit.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"no Failkit.sln above {AppContext.BaseDirectory}");
    }
}
