using System.Security.Cryptography;
using Failkit.Management.Reports;
using Failkit.Tenancy;

namespace Failkit.Management.Tests.Reports;

public sealed class PlaneKeyProviderTests
{
    [Fact]
    public async Task KeyFor_IsThePlaneKeyOfThatSlug_AndDiffersPerSlug()
    {
        var secret = RandomNumberGenerator.GetBytes(32);
        var keys = new PlaneKeyProvider(secret);

        Assert.Equal(PlaneKeys.Derive(secret, TenantSlug.Parse("acme")), await keys.KeyForAsync("acme"));
        Assert.NotEqual(await keys.KeyForAsync("acme"), await keys.KeyForAsync("globex"));
    }

    [Fact]
    public async Task ShortSecretOrBadSlug_Throws()
    {
        Assert.Throws<ArgumentException>(() => new PlaneKeyProvider(new byte[16]));
        await Assert.ThrowsAnyAsync<ArgumentException>(async () => await new PlaneKeyProvider(new byte[32]).KeyForAsync("Not A Slug"));
    }
}
