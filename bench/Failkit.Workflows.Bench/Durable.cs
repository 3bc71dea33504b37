namespace Failkit.Workflows.Bench;

/// <summary>What the durable rows need: the cluster, and why they cannot run if they cannot.</summary>
public sealed record Durable(DurableCluster? Cluster, string? ClusterProblem)
{
    /// <summary>Why our engine cannot run on PostgreSQL here, or null when it can.</summary>
    public string? EngineProblem => ClusterProblem ?? PostgresStores.Missing;

    /// <summary>A host on a fresh database of its own.</summary>
    public async Task<OurHost> CreateHostAsync(string database, bool journal = true, bool probe = false)
    {
        if (EngineProblem is { } problem)
        {
            throw new InvalidOperationException(problem);
        }

        return await OurHost.CreateAsync(journal, await Cluster!.CreateDatabaseAsync(database, CancellationToken.None), probe);
    }
}
