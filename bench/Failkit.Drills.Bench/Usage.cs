using System.Diagnostics;
using System.Globalization;

namespace Failkit.Drills.Bench;

/// <summary>CPU of this process (the harness and the tenant plane share it) and of the PostgreSQL cluster, and the
/// process's peak working set, read from /proc.</summary>
public sealed record Usage(TimeSpan ProcessCpu, TimeSpan PostgresCpu)
{
    private const double TicksPerSecond = 100;

    public static Usage Now(string dataDirectory)
    {
        using var self = Process.GetCurrentProcess();
        return new Usage(self.TotalProcessorTime, ReadPostgresCpu(dataDirectory));
    }

    public Usage Minus(Usage before) => new(ProcessCpu - before.ProcessCpu, PostgresCpu - before.PostgresCpu);

    /// <summary>VmHWM, the peak resident set since the process started or since <see cref="ResetPeak"/>.</summary>
    public static long PeakWorkingSetBytes()
    {
        using var self = Process.GetCurrentProcess();
        self.Refresh();
        return self.PeakWorkingSet64;
    }

    /// <summary>Resets VmHWM (Linux clear_refs 5), so the peak covers the measured drill and not the start-up; false
    /// when the kernel refused, and the peak is then the process's since it started.</summary>
    public static bool ResetPeak()
    {
        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>The postmaster's own and reaped children's time plus its live children's (the backends): pooled
    /// connections keep backends alive, so little is lost to backends that exit between two readings.</summary>
    private static TimeSpan ReadPostgresCpu(string dataDirectory)
    {
        var pidFile = Path.Combine(dataDirectory, "postmaster.pid");
        if (!File.Exists(pidFile) || !int.TryParse(File.ReadLines(pidFile).First(), out var postmaster))
        {
            return TimeSpan.Zero;
        }

        double ticks = 0;
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid) || Stat(pid) is not { } stat)
            {
                continue;
            }

            if (pid == postmaster)
            {
                ticks += stat.Utime + stat.Stime + stat.Cutime + stat.Cstime;
            }
            else if (stat.Ppid == postmaster)
            {
                ticks += stat.Utime + stat.Stime;
            }
        }

        return TimeSpan.FromSeconds(ticks / TicksPerSecond);
    }

    private static (int Ppid, long Utime, long Stime, long Cutime, long Cstime)? Stat(int pid)
    {
        string text;
        try
        {
            text = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }

        // The command name may hold spaces and parentheses; the fields after its closing one are fixed.
        var f = text[(text.LastIndexOf(')') + 2)..].Split(' ');
        long L(int i) => long.Parse(f[i], CultureInfo.InvariantCulture);
        return ((int)L(1), L(11), L(12), L(13), L(14));
    }
}
