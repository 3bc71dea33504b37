namespace Failkit.Agent.Targets;

/// <summary>
/// The customer's bucket. Keys are relative to the target's prefix. A put of one object is atomic:
/// a reader sees the whole object or none, which resume and "manifest last" rely on.
/// </summary>
public interface ITarget : IDisposable
{
    string Description { get; }

    /// <summary>Fails with an <see cref="AgentException"/> when the bucket or folder does not exist or is not reachable.</summary>
    Task EnsureReadyAsync(CancellationToken ct);

    Task PutAsync(string key, ReadOnlyMemory<byte> data, CancellationToken ct);

    /// <summary>The object's bytes, or null when it does not exist.</summary>
    Task<byte[]?> GetAsync(string key, CancellationToken ct);

    Task<IReadOnlyList<string>> ListAsync(string prefix, CancellationToken ct);
}
