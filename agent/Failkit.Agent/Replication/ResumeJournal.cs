using System.Text;
using System.Text.Json;
using Failkit.Agent.Crypto;
using Failkit.Agent.State;

namespace Failkit.Agent.Replication;

/// <summary>An open cycle: its point id, wrapped data key and the time its scan started.</summary>
public sealed record PendingCycle(string PointId, DateTimeOffset CreatedAt, int BlockSize, WrappedKey Key);

/// <summary>
/// What a killed cycle leaves behind so the next run continues it: the open point and one line per
/// block whose upload finished. A line is appended only after the object is in the bucket.
/// </summary>
public sealed class ResumeJournal(string diskDir)
{
    private static readonly JsonSerializerOptions Compact = new(JsonSerializerDefaults.Web);
    private readonly Lock _lock = new();
    private readonly string _pendingPath = Path.Combine(diskDir, "pending.json");
    private readonly string _journalPath = Path.Combine(diskDir, "pending.journal");
    private FileStream? _append;

    public PendingCycle? LoadPending() =>
        File.Exists(_pendingPath) ? JsonSerializer.Deserialize<PendingCycle>(File.ReadAllBytes(_pendingPath), AgentState.Json) : null;

    public Dictionary<long, BlockEntry> LoadEntries()
    {
        var entries = new Dictionary<long, BlockEntry>();
        if (!File.Exists(_journalPath))
        {
            return entries;
        }

        foreach (var line in File.ReadLines(_journalPath))
        {
            try
            {
                if (JsonSerializer.Deserialize<BlockEntry>(line, AgentState.Json) is { } entry)
                {
                    entries[entry.Index] = entry;
                }
            }
            catch (JsonException)
            {
                // A kill in the middle of an append leaves a torn last line; that block is simply redone.
            }
        }

        return entries;
    }

    public void Begin(PendingCycle pending)
    {
        Directory.CreateDirectory(diskDir);
        File.Delete(_journalPath);
        AgentState.WriteAtomic(_pendingPath, JsonSerializer.SerializeToUtf8Bytes(pending, AgentState.Json));
    }

    public void Append(BlockEntry entry)
    {
        var line = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(entry, Compact) + "\n");
        lock (_lock)
        {
            _append ??= new FileStream(_journalPath, FileMode.Append, FileAccess.Write, FileShare.Read);
            _append.Write(line);
            // Flushing to the OS is enough to survive a killed process; the page cache outlives it.
            _append.Flush();
        }
    }

    public void Close()
    {
        lock (_lock)
        {
            _append?.Dispose();
            _append = null;
        }
    }

    public void Clear()
    {
        Close();
        File.Delete(_journalPath);
        File.Delete(_pendingPath);
    }
}
