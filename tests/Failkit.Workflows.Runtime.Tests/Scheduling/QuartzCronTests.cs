using Failkit.Workflows.Runtime.Scheduling;

namespace Failkit.Workflows.Runtime.Tests.Scheduling;

public sealed class QuartzCronTests
{
    [Theory]
    [InlineData("*/15 2-4 * * MON-FRI", "0 */15 2-4 ? * MON-FRI")]
    [InlineData("0 3 * * *", "0 0 3 * * ?")]
    [InlineData("30 0 3 1 * *", "30 0 3 1 * ?")]
    [InlineData("0 9 * * 1-5", "0 0 9 ? * 2-6")]
    [InlineData("0 9 * * 0", "0 0 9 ? * 1")]
    [InlineData("* * * * * *", "* * * * * ?")]
    public void FromCronos_TranslatesToQuartzDialect(string cronos, string quartz)
    {
        Assert.Equal(quartz, QuartzCron.FromCronos(cronos));
        Assert.NotNull(new Quartz.CronExpression(quartz).GetNextValidTimeAfter(DateTimeOffset.UnixEpoch));
    }

    [Fact]
    public void FromCronos_RejectsBothDayFields()
    {
        Assert.Throws<FormatException>(() => QuartzCron.FromCronos("0 9 1 * MON"));
    }
}
