using System.Globalization;
using Spectre.Console;

namespace Failkit.Agent.Bench;

/// <summary>A throughput measured in bytes over a duration.</summary>
public sealed record Throughput(long Bytes, TimeSpan Elapsed, string? Note = null)
{
    public double MBps => Bytes / 1e6 / Math.Max(Elapsed.TotalSeconds, 1e-9);
}

public sealed record IncrementalCheck(long ChangedBytes, long UploadedBytes, int ChangedExtents, int BlockSize);

public sealed class BenchReport
{
    private readonly List<(string Name, string How, Throughput Result)> _rows = [];
    private IncrementalCheck? _incremental;

    public void Add(string name, string how, Throughput result)
    {
        _rows.Add((name, how, result));
        AnsiConsole.MarkupLine($"[grey]{Markup.Escape(name)}: {result.MBps:F0} MB/s[/]");
    }

    public void AddIncremental(IncrementalCheck check) => _incremental = check;

    public void Print(int cores)
    {
        if (Console.IsOutputRedirected)
        {
            // A redirected console reports 80 columns, which wraps the table into an unreadable log.
            AnsiConsole.Profile.Width = 160;
        }

        var table = new Table().AddColumns("measurement", "how", "MB/s", "note");
        foreach (var (name, how, result) in _rows)
        {
            table.AddRow(Markup.Escape(name), Markup.Escape(how), result.MBps.ToString("F0", CultureInfo.InvariantCulture), Markup.Escape(result.Note ?? ""));
        }

        AnsiConsole.Write(table);
        if (File.Exists("/proc/loadavg"))
        {
            // Other builds on a shared 2-core machine distort every number above; say how busy it was.
            AnsiConsole.MarkupLine($"load average at the end (1/5/15 min): {File.ReadAllText("/proc/loadavg").Trim()}");
        }

        var read = Find("sequential read");
        var sha = Find("openssl sha256");
        var pipeline = Find("agent sync → null sink");
        if (read is not null && sha is not null && pipeline is not null)
        {
            var bound = Math.Min(sha.MBps * cores, read.MBps);
            AnsiConsole.MarkupLine(
                $"pipeline target: {pipeline.MBps:F0} MB/s vs 70% of min(SHA-256 × {cores} cores, read) = {0.7 * bound:F0} MB/s → {(pipeline.MBps >= 0.7 * bound ? "[green]met[/]" : "[red]missed[/]")}");
        }

        if (_incremental is { } inc)
        {
            var limit = inc.ChangedBytes + (long)inc.ChangedExtents * inc.BlockSize;
            AnsiConsole.MarkupLine(
                $"incremental target: uploaded {inc.UploadedBytes} bytes vs changed {inc.ChangedBytes} + {inc.ChangedExtents} extents × {inc.BlockSize} = {limit} → {(inc.UploadedBytes <= limit ? "[green]met[/]" : "[red]missed[/]")}");
        }
    }

    private Throughput? Find(string name) => _rows.FirstOrDefault(r => r.Name == name).Result;
}
