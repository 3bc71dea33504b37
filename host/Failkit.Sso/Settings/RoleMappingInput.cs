namespace Failkit.Sso.Settings;

/// <summary>The API shape of a role mapping: role names as lower-case strings, checked here, so a typo is a
/// validation problem and not a silently dropped entry.</summary>
internal static class RoleMappingInput
{
    public static RoleMapping? Parse(IReadOnlyDictionary<string, string>? values, string? defaultRole, Dictionary<string, string[]> errors)
    {
        var map = new Dictionary<string, SsoRole>(StringComparer.Ordinal);
        foreach (var (idpValue, role) in values ?? new Dictionary<string, string>())
        {
            if (string.IsNullOrWhiteSpace(idpValue))
            {
                errors["roleMapping"] = ["IdP values must not be empty"];
            }
            else if (TryParseRole(role, out var parsed))
            {
                map[idpValue] = parsed;
            }
            else
            {
                errors[$"roleMapping.{idpValue}"] = ["role must be owner, admin, operator or auditor"];
            }
        }

        var fallback = SsoRole.Auditor;
        if (defaultRole is not null && !TryParseRole(defaultRole, out fallback))
        {
            errors["defaultRole"] = ["defaultRole must be owner, admin, operator or auditor"];
        }

        return new RoleMapping(map, fallback);
    }

    public static Dictionary<string, string> Format(RoleMapping mapping) =>
        mapping.Values.ToDictionary(kv => kv.Key, kv => Name(kv.Value), StringComparer.Ordinal);

    public static string Name(SsoRole role) => role.ToString().ToLowerInvariant();

    private static bool TryParseRole(string? text, out SsoRole role)
    {
        role = SsoRole.Auditor;
        return text is not null && text.Length > 0 && char.IsAsciiLetter(text[0]) && Enum.TryParse(text, ignoreCase: true, out role) && Enum.IsDefined(role);
    }
}
