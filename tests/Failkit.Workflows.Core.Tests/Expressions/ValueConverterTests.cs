using Failkit.Workflows.Core.Expressions;

namespace Failkit.Workflows.Core.Tests.Expressions;

public sealed class ValueConverterTests
{
    [Theory]
    [InlineData(2.0)]
    [InlineData(2L)]
    [InlineData("Suspended")]
    [InlineData("suspended")]
    public void EnumInput_FromAJsonNumberOrName_IsTheEnumValue(object raw) =>
        Assert.Equal(WorkflowSubStatus.Suspended, ValueConverter.Convert(raw, typeof(WorkflowSubStatus)));

    [Fact]
    public void EnumInput_FromADecimal_IsTheEnumValue() =>
        Assert.Equal(WorkflowSubStatus.Suspended, ValueConverter.Convert(2m, typeof(WorkflowSubStatus)));
}
