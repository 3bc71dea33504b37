using Failkit.Tenancy.Audit;

namespace Failkit.Sso;

public static partial class SsoEndpoints
{
    public const string SettingsSavedKind = "sso.settings-saved";
    public const string RoleMappingChangedKind = "sso.role-mapping-changed";

    /// <summary>One event per save with the settings as the API shows them (the views hold no client secret), and a
    /// second one when the role mapping changed: who may become an owner through the IdP is what auditors look for.</summary>
    internal static async Task AuditAsync<TView>(
        IAuditTrail audit, AuditEntry caller, string protocol, TView? before, TView after,
        Dictionary<string, string>? mappingBefore, string? defaultBefore, Dictionary<string, string> mappingAfter, string defaultAfter, CancellationToken ct)
        where TView : class
    {
        await audit.WriteAsync((caller with { Kind = SettingsSavedKind, Target = protocol }).Change(before, after), ct);
        var unchanged = defaultBefore == defaultAfter && mappingBefore is not null && mappingBefore.Count == mappingAfter.Count
            && mappingBefore.All(kv => mappingAfter.TryGetValue(kv.Key, out var role) && role == kv.Value);
        if (!unchanged)
        {
            await audit.WriteAsync((caller with { Kind = RoleMappingChangedKind, Target = protocol }).Change(
                mappingBefore is null ? null : new { roleMapping = mappingBefore, defaultRole = defaultBefore },
                new { roleMapping = mappingAfter, defaultRole = (string?)defaultAfter }), ct);
        }
    }
}
