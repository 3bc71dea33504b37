namespace Failkit.Identity;

/// <summary>The four tenant roles and the authorization policies built from them.</summary>
public static class Roles
{
    public const string Owner = "owner";
    public const string Admin = "admin";
    public const string Operator = "operator";
    public const string Auditor = "auditor";

    /// <summary>The claim type every Failkit principal carries its role in (cookie, API client, support session).</summary>
    public const string ClaimType = "role";

    public static IReadOnlyList<string> All { get; } = [Owner, Admin, Operator, Auditor];

    public static bool IsKnown(string? role) => role is not null && All.Contains(role, StringComparer.Ordinal);
}

/// <summary>Policy names; each is a set of roles plus the same-origin rule for cookie-authenticated unsafe requests.</summary>
public static class Policies
{
    /// <summary>Any role: reading.</summary>
    public const string Read = "failkit.read";

    /// <summary>Owner, admin, operator: running and steering workflows and drills.</summary>
    public const string Operate = "failkit.operate";

    /// <summary>Owner, admin: definitions, users, API clients.</summary>
    public const string Manage = "failkit.manage";

    /// <summary>Owner only: support grants.</summary>
    public const string Owner = "failkit.owner";

    /// <summary>Owner, admin, auditor: the audit log.</summary>
    public const string Audit = "failkit.audit";

    public static IReadOnlyDictionary<string, string[]> RolesByPolicy { get; } = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        [Read] = [Roles.Owner, Roles.Admin, Roles.Operator, Roles.Auditor],
        [Operate] = [Roles.Owner, Roles.Admin, Roles.Operator],
        [Manage] = [Roles.Owner, Roles.Admin],
        [Owner] = [Roles.Owner],
        [Audit] = [Roles.Owner, Roles.Admin, Roles.Auditor],
    };
}
