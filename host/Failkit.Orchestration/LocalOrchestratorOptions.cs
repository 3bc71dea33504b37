namespace Failkit.Orchestration;

public sealed class LocalOrchestratorOptions
{
    /// <summary>Path of <c>Failkit.Host.dll</c>; null finds it (<see cref="HostDllLocator"/>).</summary>
    public string? HostDllPath { get; set; }

    /// <summary>The <c>dotnet</c> muxer that runs the host dll.</summary>
    public string DotnetPath { get; set; } = "dotnet";

    /// <summary>How long a new plane may take to answer <c>/health</c> (it migrates its database first).</summary>
    public TimeSpan HealthTimeout { get; set; } = TimeSpan.FromSeconds(90);

    /// <summary>How long a plane may take to shut down after SIGTERM before it is killed.</summary>
    public TimeSpan StopTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Arguments every plane gets, before the workload's own.</summary>
    public IList<string> CommonArgs { get; } = [];

    /// <summary>Environment every plane gets (never secrets meant for one tenant).</summary>
    public IDictionary<string, string> Environment { get; } = new Dictionary<string, string>(StringComparer.Ordinal);
}
