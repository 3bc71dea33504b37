namespace Failkit.Portal.Data;

/// <summary>The SSO role mapping as the form edits it: one <c>IdP value = role</c> a line. The SSO module checks the
/// values; this only splits the text.</summary>
public static class RoleMappingText
{
    public static string Format(IReadOnlyDictionary<string, string>? mapping) =>
        mapping is null ? "" : string.Join('\n', mapping.Select(kv => $"{kv.Key} = {kv.Value}"));

    /// <summary>The mapping, or null and the line that has no <c>=</c>.</summary>
    public static (Dictionary<string, string>? Mapping, string? Error) Parse(string? text)
    {
        var mapping = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in (text ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var eq = line.LastIndexOf('=');
            if (eq <= 0)
            {
                return (null, $"'{line}' is not 'IdP value = role'.");
            }

            mapping[line[..eq].Trim()] = line[(eq + 1)..].Trim();
        }

        return (mapping, null);
    }

    /// <summary>The module's field errors, with every per-value mapping error shown on the mapping field.</summary>
    public static Dictionary<string, string> Fields(Dictionary<string, string[]> errors) =>
        errors.GroupBy(e => e.Key.StartsWith("roleMapping", StringComparison.Ordinal) ? "roleMapping" : e.Key)
            .ToDictionary(g => g.Key, g => string.Join(" ", g.Select(e => (e.Key.Contains('.', StringComparison.Ordinal) ? e.Key["roleMapping.".Length..] + ": " : "")
                + string.Join(" ", e.Value))));
}
