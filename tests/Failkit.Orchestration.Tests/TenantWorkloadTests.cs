using Failkit.Tenancy;

namespace Failkit.Orchestration.Tests;

public class TenantWorkloadTests
{
    [Fact]
    public void ToString_HidesTheConnectionString()
    {
        var text = new TenantWorkload("acme", "Host=db;Password=hunter2",
            Settings: new Dictionary<string, string> { ["Failkit:Management:PlaneKey"] = "s3cret-plane-key" }).ToString();

        Assert.Contains("acme", text, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", text, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret-plane-key", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("a", false)]
    [InlineData("abc", true)]
    [InlineData("1abc", false)]
    [InlineData("acme-2", true)]
    [InlineData("a.b", false)]
    [InlineData("acme-", false)]
    [InlineData("ACME", false)]
    [InlineData("a_b", false)]
    public void Slug_IsOneLowerCaseLabel(string slug, bool valid) => Assert.Equal(valid, TenantSlug.IsValid(slug));

    [Fact]
    public void Slug_LeavesRoomForTheNamespacePrefix() =>
        Assert.False(TenantSlug.IsValid(new string('a', TenantSlug.MaxLength + 1)));
}
