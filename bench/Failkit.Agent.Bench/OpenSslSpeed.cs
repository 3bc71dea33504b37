using System.Diagnostics;
using System.Globalization;

namespace Failkit.Agent.Bench;

/// <summary>Runs `openssl speed -evp` on one core and reads the 16 KiB column (in 1000s of bytes per second).</summary>
public static class OpenSslSpeed
{
    public static Throughput Run(string algorithm)
    {
        var info = new ProcessStartInfo("openssl") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in (string[])["speed", "-elapsed", "-seconds", "3", "-evp", algorithm])
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException("openssl is not installed");
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        var line = output.Split('\n').LastOrDefault(l => l.StartsWith(algorithm, StringComparison.OrdinalIgnoreCase))
            ?? throw new InvalidOperationException($"no result line for {algorithm} in: {output}");
        var last = line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[^1].TrimEnd('k');
        var kilobytesPerSecond = double.Parse(last, CultureInfo.InvariantCulture);
        return new Throughput((long)(kilobytesPerSecond * 1000), TimeSpan.FromSeconds(1));
    }
}
