using System.Security.Cryptography;
using System.Text.Json;
using Failkit.Agent.Crypto;
using Failkit.Agent.State;

namespace Failkit.Agent.Replication;

/// <summary>One block of a recovery point: where its ciphertext lives and how to check it.</summary>
/// <param name="Point">The recovery point that wrote the object; its data key and the AAD depend on it.</param>
public sealed record BlockEntry(long Index, string Point, string ObjectKey, string Nonce, int CipherLength, int PlainLength, string Sha256, string Xxh3);

/// <summary>
/// A recovery point. It exists only once this document is in the bucket, and it is written after
/// every block it names, so a half-finished cycle is never visible as a point.
/// </summary>
public sealed record Manifest
{
    public int Format { get; init; } = 1;

    public required string Disk { get; init; }

    public required string PointId { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required DateTimeOffset CompletedAt { get; init; }

    public required long SourceLength { get; init; }

    public required int BlockSize { get; init; }

    /// <summary>Wrapped data keys of every point whose objects this point references; never a plaintext key.</summary>
    public required Dictionary<string, WrappedKey> Keys { get; init; }

    public required List<BlockEntry> Blocks { get; init; }

    public static string PointsPrefix(string disk) => $"{disk}/points/";

    public static string ObjectKey(string disk, string pointId) => $"{PointsPrefix(disk)}{pointId}.json";

    public static string BlockKey(string disk, string pointId, long index) => $"{disk}/blocks/{pointId}/{index:D8}";

    public static Manifest Parse(byte[] bytes)
    {
        try
        {
            return JsonSerializer.Deserialize<Manifest>(bytes, AgentState.Json) ?? throw new AgentException("manifest is empty");
        }
        catch (JsonException ex)
        {
            throw new AgentException($"manifest is not valid: {ex.Message}");
        }
    }

    public byte[] Serialize() => JsonSerializer.SerializeToUtf8Bytes(this, AgentState.Json);

    public static string Sha256Hex(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    /// <summary>Sortable by time, unique across agents writing the same disk name by accident.</summary>
    public static string NewPointId(DateTimeOffset now) =>
        now.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", System.Globalization.CultureInfo.InvariantCulture) + "-" +
        Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3));
}
