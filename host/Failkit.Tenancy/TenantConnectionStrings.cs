using Npgsql;

namespace Failkit.Tenancy;

/// <summary>Builds tenant connection strings. Scoping puts <c>app.current_tenant</c> in the startup packet
/// (<c>Options=-c app.current_tenant=...</c>), so every session, pooled or not, carries it from its first
/// statement; the pool's reset (DISCARD ALL) returns a GUC to its startup value, so it survives re-use.</summary>
public static class TenantConnectionStrings
{
    public const string Setting = "app.current_tenant";

    /// <summary>The same connection string with every session scoped to <paramref name="slug"/>. An existing
    /// <c>app.current_tenant</c> option is replaced; other options are kept.</summary>
    public static string Scope(string connectionString, TenantSlug slug)
    {
        ArgumentNullException.ThrowIfNull(slug);
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (builder.NoResetOnClose)
        {
            // Without the reset a session keeps whatever the previous borrower SET; DESIGN forbids it outright.
            throw new ArgumentException("No Reset On Close is not allowed on tenant connections.", nameof(connectionString));
        }

        var others = (builder.Options ?? "")
            .Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .ToList();
        RemoveSetting(others);
        // The slug is validated (letters, digits, hyphens), so it needs no escaping inside the options string.
        others.Add($"-c {Setting}={slug.Value}");
        builder.Options = string.Join(' ', others);
        return builder.ConnectionString;
    }

    /// <summary>A connection string for <paramref name="role"/> on <paramref name="database"/>, on the server of
    /// <paramref name="adminConnectionString"/>.</summary>
    public static string ForRole(string adminConnectionString, string database, string role, string password) =>
        new NpgsqlConnectionStringBuilder(adminConnectionString)
        {
            Database = database,
            Username = role,
            Password = password,
            Options = null,
        }.ConnectionString;

    // Options is a space-separated argument list: "-c name=value" is two tokens, "-cname=value" one.
    private static void RemoveSetting(List<string> tokens)
    {
        for (var i = tokens.Count - 1; i >= 0; i--)
        {
            if (tokens[i].StartsWith($"{Setting}=", StringComparison.Ordinal) && i > 0 && tokens[i - 1] == "-c")
            {
                tokens.RemoveRange(i - 1, 2);
                i--;
            }
            else if (tokens[i].StartsWith($"-c{Setting}=", StringComparison.Ordinal))
            {
                tokens.RemoveAt(i);
            }
        }
    }
}
