using System.Text.Json;

namespace Failkit.Sso.Oidc;

/// <summary>Claims of a JSON object (id_token payload, userinfo, token response), read tolerantly: a claim may be
/// a string or an array of strings, as IdPs differ on roles and groups.</summary>
internal sealed class ClaimSet(JsonElement root)
{
    public string Subject => String("sub") is { Length: > 0 } sub ? sub : throw new SsoException("InvalidIdToken", "the id_token has no subject");

    public string? String(string name) =>
        root.ValueKind == JsonValueKind.Object && root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    public IReadOnlyList<string> Strings(string name)
    {
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty(name, out var value))
        {
            return [];
        }

        return value.ValueKind switch
        {
            JsonValueKind.String => [value.GetString()!],
            JsonValueKind.Array => value.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString()!).ToList(),
            _ => [],
        };
    }
}
