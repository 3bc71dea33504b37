namespace Failkit.Tenancy.Tests;

public sealed class TenantSlugTests
{
    [Theory]
    [InlineData("acme")]
    [InlineData("a1b")]
    [InlineData("acme-corp-2")]
    [InlineData("abcdefghijabcdefghijabcdefghijab")]
    public void Valid_MapsHyphensToUnderscores(string value)
    {
        var slug = TenantSlug.Parse(value);

        var sql = value.Replace('-', '_');
        Assert.Equal($"t_{sql}", slug.DatabaseName);
        Assert.Equal($"t_{sql}_owner", slug.OwnerRole);
        Assert.Equal($"t_{sql}_app", slug.AppRole);
        Assert.True(slug.OwnerRole.Length <= 63);
    }

    [Theory]
    [InlineData("")]
    [InlineData("ab")]
    [InlineData("Acme")]
    [InlineData("acme_corp")]
    [InlineData("-acme")]
    [InlineData("acme-")]
    [InlineData("acme\n")]
    [InlineData("a\"; DROP DATABASE postgres; --")]
    [InlineData("acme' OR '1'='1")]
    [InlineData("abcdefghijabcdefghijabcdefghijabc")]
    [InlineData("1acme")]
    [InlineData("ac--me")]
    [InlineData("xn--acme")]
    [InlineData("admin")]
    [InlineData("www")]
    public void Invalid_IsRejected(string value)
    {
        Assert.False(TenantSlug.TryParse(value, out _));
        Assert.Throws<ArgumentException>(() => TenantSlug.Parse(value));
    }

    [Fact]
    public void Scope_ReplacesAnEarlierTenantAndKeepsOtherOptions()
    {
        var cs = "Host=h;Database=d;Username=u;Options=-c statement_timeout=5000 -c app.current_tenant=other";

        var scoped = new Npgsql.NpgsqlConnectionStringBuilder(TenantConnectionStrings.Scope(cs, TenantSlug.Parse("acme")));

        Assert.Equal("-c statement_timeout=5000 -c app.current_tenant=acme", scoped.Options);
    }

    [Fact]
    public void Scope_RefusesNoResetOnClose()
    {
        Assert.Throws<ArgumentException>(() => TenantConnectionStrings.Scope("Host=h;No Reset On Close=true", TenantSlug.Parse("acme")));
    }
}
