using System.Text;

namespace Failkit.Activities.Sim;

/// <summary>What the sim draws for one VM, in simulated seconds.</summary>
public sealed record SimVmSamples(string VmName, double HydrateSeconds, double BootSeconds, double AppReadySeconds)
{
    /// <summary>From the start of hydration to the application answering, with no waiting on rate limits.</summary>
    public double TotalSeconds => HydrateSeconds + BootSeconds + AppReadySeconds;
}

/// <summary>Every random number of the sim is a pure function of (seed, VM name, what is drawn, draw number): a VM
/// boots in the same time whichever order the drill launches it in, and <see cref="SimFloor"/> can predict it.</summary>
public static class SimSampler
{
    public static SimVmSamples For(SimSettings settings, string vmName)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(vmName);
        return new SimVmSamples(
            vmName,
            Draw(settings.Hydrate, settings.Seed, vmName, "hydrate"),
            Draw(settings.Boot, settings.Seed, vmName, "boot"),
            Draw(settings.AppReady, settings.Seed, vmName, "app-ready"));
    }

    /// <summary>A uniform number in (0, 1).</summary>
    internal static double Unit(long seed, string vmName, string stream, long draw)
    {
        var x = Mix((ulong)seed ^ Mix(Fnv(vmName)) ^ Mix(Fnv(stream) + (ulong)draw));
        // 53 random bits, shifted by half a step so neither 0 nor 1 comes out (log(0) in Box-Muller).
        return ((x >> 11) + 0.5) / (1UL << 53);
    }

    private static double Draw(Latency latency, long seed, string vmName, string stream) =>
        latency.Sample(Unit(seed, vmName, stream, 0), Unit(seed, vmName, stream, 1));

    // FNV-1a: string.GetHashCode is randomised per process, which would break reproducibility across runs.
    private static ulong Fnv(string s)
    {
        var hash = 14695981039346656037UL;
        foreach (var b in Encoding.UTF8.GetBytes(s))
        {
            hash = (hash ^ b) * 1099511628211UL;
        }

        return hash;
    }

    // SplitMix64's finaliser: spreads nearby inputs (draw 0 and 1) over the whole range.
    private static ulong Mix(ulong z)
    {
        z += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
