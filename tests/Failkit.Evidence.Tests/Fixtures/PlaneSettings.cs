using System.Globalization;

namespace Failkit.Evidence.Tests.Fixtures;

public static class PlaneSettings
{
    /// <summary>The report backstop's interval; tests that count appends themselves keep it long.</summary>
    public static Dictionary<string, string?> Sweep(TimeSpan interval) =>
        new() { ["Failkit:Evidence:SweepInterval"] = interval.ToString("c", CultureInfo.InvariantCulture) };
}
