using Failkit.Agent.Targets;
using Microsoft.Extensions.Time.Testing;

namespace Failkit.Agent.Tests.Targets;

public sealed class BandwidthLimiterTests
{
    [Fact]
    public void UploadsBeyondTheCap_WaitForTheirSlot()
    {
        var time = new FakeTimeProvider();
        var limiter = new BandwidthLimiter(1_000_000, time);

        var first = limiter.WaitAsync(1_000_000, CancellationToken.None);
        var second = limiter.WaitAsync(1_000_000, CancellationToken.None);
        var third = limiter.WaitAsync(1_000_000, CancellationToken.None);

        Assert.True(first.IsCompleted);
        Assert.False(second.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.True(second.IsCompleted);
        Assert.False(third.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.True(third.IsCompleted);
    }

    [Fact]
    public void MegabitsPerSecond_ConvertsToBytes()
    {
        var time = new FakeTimeProvider();
        var limiter = BandwidthLimiter.FromMegabitsPerSecond(8, time)!;
        Assert.True(limiter.WaitAsync(1_000_000, CancellationToken.None).IsCompleted);
        var next = limiter.WaitAsync(1, CancellationToken.None);
        time.Advance(TimeSpan.FromMilliseconds(999));
        Assert.False(next.IsCompleted);
        time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.True(next.IsCompleted);
        Assert.Null(BandwidthLimiter.FromMegabitsPerSecond(null, time));
    }
}
