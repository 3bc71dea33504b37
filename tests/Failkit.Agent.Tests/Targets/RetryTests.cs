using Failkit.Agent.Targets;

namespace Failkit.Agent.Tests.Targets;

public sealed class RetryTests
{
    [Fact]
    public async Task TransientFailures_AreRetriedUntilSuccess()
    {
        var attempts = 0;
        var result = await Retry.RunAsync(_ =>
        {
            attempts++;
            return attempts < 3 ? throw new HttpRequestException("connection reset") : Task.FromResult(42);
        }, retries: 5, "upload", TestContext.Current.CancellationToken);

        Assert.Equal(42, result);
        Assert.Equal(3, attempts);
    }

    [Fact]
    public async Task ExhaustedRetries_BecomeAClearAgentError()
    {
        var attempts = 0;
        var error = await Assert.ThrowsAsync<AgentException>(() => Retry.RunAsync(_ =>
        {
            attempts++;
            throw new IOException("disk on fire");
        }, retries: 2, "upload of block 7", TestContext.Current.CancellationToken));

        Assert.Equal(3, attempts);
        Assert.Equal("upload of block 7 failed after 3 attempts: disk on fire", error.Message);
    }

    [Fact]
    public async Task AgentErrors_AreNotRetried()
    {
        var attempts = 0;
        await Assert.ThrowsAsync<AgentException>(() => Retry.RunAsync(_ =>
        {
            attempts++;
            throw new AgentException("bucket 'x' does not exist");
        }, retries: 5, "upload", TestContext.Current.CancellationToken));

        Assert.Equal(1, attempts);
    }
}
