namespace Failkit.Sso;

/// <summary>Maps the values of the IdP's role claim or attribute to a tenant role. A user whose values map to
/// nothing gets <see cref="Default"/>, auditor unless the tenant decides otherwise (docs/decisions/sso-roles.md).</summary>
public sealed record RoleMapping(IReadOnlyDictionary<string, SsoRole> Values, SsoRole Default = SsoRole.Auditor)
{
    /// <summary>The highest role any of <paramref name="idpValues"/> maps to, else the default. Values compare
    /// ordinally: IdP group names are identifiers, and "Admins" and "admins" may be different groups.</summary>
    public SsoRole Resolve(IEnumerable<string> idpValues)
    {
        ArgumentNullException.ThrowIfNull(idpValues);
        SsoRole? best = null;
        foreach (var value in idpValues)
        {
            if (Values.TryGetValue(value, out var role) && (best is null || role > best))
            {
                best = role;
            }
        }

        return best ?? Default;
    }
}
