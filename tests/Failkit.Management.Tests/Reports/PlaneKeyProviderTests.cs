using System.Security.Cryptography;
using Failkit.Management.Reports;
using Failkit.Tenancy;

namespace Failkit.Management.Tests.Reports;

public sealed class PlaneKeyProviderTests
{
    [Fact]
    public void KeyFor_IsThePlaneKeyOfThatSlug_AndDiffersPerSlug()
    {
        var secret = RandomNumberGenerator.GetBytes(32);
        var keys = new PlaneKeyProvider(secret);

        Assert.Equal(PlaneKeys.Derive(secret, TenantSlug.Parse("acme")), keys.KeyFor("acme"));
        Assert.NotEqual(keys.KeyFor("acme"), keys.KeyFor("globex"));
    }

    [Fact]
    public void ShortSecretOrBadSlug_Throws()
    {
        Assert.Throws<ArgumentException>(() => new PlaneKeyProvider(new byte[16]));
        Assert.ThrowsAny<ArgumentException>(() => new PlaneKeyProvider(new byte[32]).KeyFor("Not A Slug"));
    }
}
