using Failkit.Agent.Targets;

namespace Failkit.Agent.Bench;

/// <summary>Discards every object: measures the agent's pipeline without any storage cost.</summary>
public sealed class NullTarget : ITarget
{
    public string Description => "null sink";

    public Task EnsureReadyAsync(CancellationToken ct) => Task.CompletedTask;

    public Task PutAsync(string key, ReadOnlyMemory<byte> data, CancellationToken ct) => Task.CompletedTask;

    public Task<byte[]?> GetAsync(string key, CancellationToken ct) => Task.FromResult<byte[]?>(null);

    public Task<IReadOnlyList<string>> ListAsync(string prefix, CancellationToken ct) => Task.FromResult<IReadOnlyList<string>>([]);

    public void Dispose() { }
}
