namespace Failkit.Tenancy;

/// <summary>A provisioned tenant database. Both connection strings are already scoped to the tenant (see
/// <see cref="TenantConnectionStrings.Scope"/>): the owner's too, because FORCE ROW LEVEL SECURITY applies to the
/// owner, so its migrator would otherwise see no rows in <c>schema_migrations</c>.</summary>
public sealed record TenantDatabase(TenantSlug Slug, string AppConnectionString, string OwnerConnectionString, TenantPasswords Passwords)
{
    public string DatabaseName => Slug.DatabaseName;
}
