using System.Diagnostics;

namespace Failkit.Workflows.Bench;

/// <summary>Progress lines on standard error, so standard output carries only the table.</summary>
public static class Progress
{
    private static readonly Stopwatch Clock = Stopwatch.StartNew();

    public static void Say(string text) => Console.Error.WriteLine($"[{Clock.Elapsed:mm\\:ss}] {text}");
}
