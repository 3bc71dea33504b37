using Npgsql;

namespace Failkit.Management;

/// <summary>Builds commands with positional parameters ($1, $2...), so SQL text is always constant.</summary>
internal static class Sql
{
    public static NpgsqlCommand Command(NpgsqlConnection conn, string sql, params object?[] values)
    {
        var cmd = new NpgsqlCommand(sql, conn);
        foreach (var value in values)
        {
            cmd.Parameters.Add(new NpgsqlParameter { Value = value ?? DBNull.Value });
        }

        return cmd;
    }
}
