namespace Failkit.Activities.Sim;

/// <summary>A latency distribution in simulated seconds. A sample is a pure function of two uniform numbers, so the
/// caller decides where randomness comes from (see <see cref="SimSampler"/>).</summary>
public abstract record Latency
{
    /// <param name="u1">Uniform in (0, 1).</param>
    /// <param name="u2">Uniform in (0, 1); used by distributions that need a second draw.</param>
    public abstract double Sample(double u1, double u2);
}

public sealed record FixedLatency(double Seconds) : Latency
{
    public override double Sample(double u1, double u2) => Seconds;

    public override string ToString() => $"fixed {Seconds:0.###} s";
}

public sealed record UniformLatency(double Min, double Max) : Latency
{
    public override double Sample(double u1, double u2) => Min + (u1 * (Max - Min));

    public override string ToString() => $"uniform {Min:0.###}–{Max:0.###} s";
}

/// <summary>Log-normal given by its median and 95th percentile, the two numbers people actually know about their
/// boot times. sigma = ln(p95 / median) / z(0.95).</summary>
public sealed record LogNormalLatency(double Median, double P95) : Latency
{
    private const double Z95 = 1.6448536269514722;

    public override double Sample(double u1, double u2)
    {
        // Box-Muller: one standard normal from two uniforms.
        var z = Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
        var sigma = Math.Log(P95 / Median) / Z95;
        return Median * Math.Exp(sigma * z);
    }

    public override string ToString() => $"lognormal median {Median:0.###} s, p95 {P95:0.###} s";
}
