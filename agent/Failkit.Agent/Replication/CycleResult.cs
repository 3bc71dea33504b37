namespace Failkit.Agent.Replication;

/// <summary>Live counters a progress display polls while a cycle runs.</summary>
public sealed class CycleCounters
{
    private long _scanned;
    private long _uploaded;

    public long TotalBytes { get; set; }

    public long ScannedBytes => Interlocked.Read(ref _scanned);

    public long UploadedBytes => Interlocked.Read(ref _uploaded);

    public void AddScanned(long bytes) => Interlocked.Add(ref _scanned, bytes);

    public void AddUploaded(long bytes) => Interlocked.Add(ref _uploaded, bytes);
}

/// <summary>The outcome of one replication cycle, the source of the summary and of the metadata report.</summary>
public sealed record CycleResult(
    Manifest Manifest,
    string ManifestSha256,
    long BytesScanned,
    long BytesChanged,
    long BytesUploaded,
    int BlocksChanged,
    int BlocksUploaded,
    int BlocksResumed,
    bool Resumed,
    TimeSpan? RpoObserved);
