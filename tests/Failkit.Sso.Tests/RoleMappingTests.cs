namespace Failkit.Sso.Tests;

public sealed class RoleMappingTests
{
    private static readonly RoleMapping Mapping = new(new Dictionary<string, SsoRole>
    {
        ["ops"] = SsoRole.Operator,
        ["admins"] = SsoRole.Admin,
        ["owners"] = SsoRole.Owner,
    });

    [Fact]
    public void SeveralMappedValues_GiveTheHighestRole() =>
        Assert.Equal(SsoRole.Admin, Mapping.Resolve(["ops", "staff", "admins"]));

    [Fact]
    public void NoMappedValue_GivesTheDefault_AuditorUnlessConfigured()
    {
        Assert.Equal(SsoRole.Auditor, Mapping.Resolve(["staff"]));
        Assert.Equal(SsoRole.Auditor, Mapping.Resolve([]));
        Assert.Equal(SsoRole.Operator, (Mapping with { Default = SsoRole.Operator }).Resolve(["staff"]));
    }

    [Fact]
    public void Values_CompareOrdinally() =>
        Assert.Equal(SsoRole.Auditor, Mapping.Resolve(["Owners", "ADMINS"]));
}
