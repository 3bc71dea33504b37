namespace Failkit.Agent.Crypto;

/// <summary>A data key as the manifest stores it: only ever in wrapped form.</summary>
public sealed record WrappedKey(string Provider, string KeyId, string Wrapped);

/// <summary>
/// The customer's KMS key. It wraps the per-point data key; the plaintext data key lives only in
/// the agent's memory during a cycle or a restore.
/// </summary>
public interface IKeyWrapper
{
    string Provider { get; }

    Task<WrappedKey> WrapAsync(byte[] dataKey, CancellationToken ct);

    Task<byte[]> UnwrapAsync(WrappedKey key, CancellationToken ct);
}
