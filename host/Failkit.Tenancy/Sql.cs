namespace Failkit.Tenancy;

/// <summary>Quoting for the places where PostgreSQL takes no parameters (role, database and table names in DDL,
/// role passwords). Names come from <see cref="TenantSlug"/> or the catalogs and are quoted all the same.</summary>
internal static class Sql
{
    public static string Identifier(string name)
    {
        Reject(name);
        return "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }

    /// <summary>A standard string literal. Backslashes are refused rather than trusted to
    /// <c>standard_conforming_strings</c>, which a server could have turned off.</summary>
    public static string Literal(string value)
    {
        Reject(value);
        if (value.Contains('\\', StringComparison.Ordinal))
        {
            throw new ArgumentException("A backslash is not allowed here.", nameof(value));
        }

        return "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";
    }

    private static void Reject(string value)
    {
        if (value.Length == 0 || value.Contains('\0', StringComparison.Ordinal))
        {
            throw new ArgumentException("Empty strings and NUL characters are not allowed in SQL names or literals.", nameof(value));
        }
    }
}
