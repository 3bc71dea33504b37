using System.Security.Cryptography;

namespace Failkit.Tenancy.Tests;

public sealed class PlaneKeysTests
{
    private static readonly byte[] Secret = RandomNumberGenerator.GetBytes(32);

    [Fact]
    public void Derive_SameSecretAndSlug_GivesSameKey()
    {
        var slug = TenantSlug.Parse("acme");

        Assert.Equal(PlaneKeys.Derive(Secret, slug), PlaneKeys.Derive(Secret, slug));
    }

    [Fact]
    public void Derive_OtherSlugOrSecret_GivesOtherKey()
    {
        var acme = PlaneKeys.Derive(Secret, TenantSlug.Parse("acme"));

        Assert.NotEqual(acme, PlaneKeys.Derive(Secret, TenantSlug.Parse("globex")));
        Assert.NotEqual(acme, PlaneKeys.Derive(RandomNumberGenerator.GetBytes(32), TenantSlug.Parse("acme")));
    }

    [Fact]
    public void Derive_ShortSecret_IsRefused() =>
        Assert.Throws<ArgumentException>(() => PlaneKeys.Derive(new byte[16], TenantSlug.Parse("acme")));

    [Theory]
    [InlineData(null, "k")]
    [InlineData("", "k")]
    [InlineData("k", null)]
    [InlineData("k", "")]
    [InlineData("k1", "k2")]
    [InlineData("K", "k")]
    public void Matches_MissingOrDifferent_IsFalse(string? presented, string? expected) =>
        Assert.False(PlaneKeys.Matches(presented, expected));

    [Fact]
    public void Matches_SameKey_IsTrue()
    {
        var key = PlaneKeys.Derive(Secret, TenantSlug.Parse("acme"));

        Assert.True(PlaneKeys.Matches(new string(key.AsSpan()), key));
    }

    [Theory]
    [InlineData("PlaneKey abc", "abc")]
    [InlineData("PlaneKey  abc ", "abc")]
    [InlineData("Bearer abc", null)]
    [InlineData("planekey abc", null)]
    [InlineData("PlaneKeyabc", null)]
    [InlineData(null, null)]
    public void FromAuthorizationHeader_ReadsOnlyThePlaneKeyScheme(string? header, string? expected) =>
        Assert.Equal(expected, PlaneKeys.FromAuthorizationHeader(header));
}
