using Npgsql;

namespace Failkit.Identity.Users;

public sealed record User(Guid Id, string Email, string Role, string Status, DateTimeOffset CreatedAt, DateTimeOffset? LockedUntil)
{
    public const string Columns = "id, email, role, status, created_at, locked_until";

    public bool IsActive => Status == UserStatus.Active;

    public static User Read(NpgsqlDataReader r) =>
        new(r.GetGuid(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetFieldValue<DateTimeOffset>(4),
            r.IsDBNull(5) ? null : r.GetFieldValue<DateTimeOffset>(5));

    public static string Normalize(string email) => email.Trim().ToLowerInvariant();
}

public static class UserStatus
{
    public const string Active = "active";
    public const string Disabled = "disabled";

    public static bool IsKnown(string? status) => status is Active or Disabled;
}
