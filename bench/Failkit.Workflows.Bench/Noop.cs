using System.Diagnostics;
using Failkit.Workflows.Core;

namespace Failkit.Workflows.Bench;

/// <summary>Does nothing, so a run measures the engine alone. When the latency suite registers a
/// <see cref="NoopProbe"/>, it reports when it ran; elsewhere the probe lookup misses and costs one DI lookup.</summary>
[Activity("Failkit.Bench", "Benchmark", "Does nothing.")]
public sealed class Noop : CodeActivity
{
    protected override void Execute(ActivityExecutionContext context) => context.GetService<NoopProbe>()?.Hit();
}

/// <summary>Records the time of the first <see cref="Noop"/> after <see cref="Arm"/>; used one start at a time.</summary>
public sealed class NoopProbe
{
    private long _firstHit;

    public void Arm() => Interlocked.Exchange(ref _firstHit, 0);

    public void Hit() => Interlocked.CompareExchange(ref _firstHit, Stopwatch.GetTimestamp(), 0);

    /// <summary>The timestamp of the first hit since <see cref="Arm"/>, or 0 if none.</summary>
    public long FirstHit => Interlocked.Read(ref _firstHit);
}
