using System.Reflection;
using Npgsql;

namespace Failkit.Workflows.Persistence;

/// <summary>Applies an assembly's embedded <c>Migrations/*.sql</c> scripts in name order, each once and in its own
/// transaction, recorded in <c>&lt;schema&gt;.schema_migrations</c>. A session-level advisory lock makes replicas
/// that start together take turns: the second one finds the work done. Every module with its own schema uses it.</summary>
public sealed class EmbeddedSqlMigrator(Assembly assembly, string schema, long lockKey)
{
    /// <summary>The migrations embedded in the assembly, by name.</summary>
    public IReadOnlyList<string> Known { get; } = assembly.GetManifestResourceNames()
        .Where(n => n.StartsWith("Migrations.", StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
        .Select(n => n["Migrations.".Length..^".sql".Length])
        .Order(StringComparer.Ordinal)
        .ToList();

    /// <summary>Applies pending migrations over <paramref name="conn"/> and returns the names it applied.</summary>
    public async Task<IReadOnlyList<string>> MigrateAsync(NpgsqlConnection conn, CancellationToken ct)
    {
        // The schema name is a constant of the calling module, never input; it is quoted all the same.
        var table = $"\"{schema}\".schema_migrations";
        await ExecuteAsync(conn, $"SELECT pg_advisory_lock({lockKey})", ct);
        try
        {
            await ExecuteAsync(conn, $"""
                CREATE SCHEMA IF NOT EXISTS "{schema}";
                CREATE TABLE IF NOT EXISTS {table} (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now());
                """, ct);
            var applied = new HashSet<string>(StringComparer.Ordinal);
            await using (var cmd = new NpgsqlCommand($"SELECT name FROM {table}", conn))
            await using (var reader = await cmd.ExecuteReaderAsync(ct))
            {
                while (await reader.ReadAsync(ct))
                {
                    applied.Add(reader.GetString(0));
                }
            }

            var ran = new List<string>();
            foreach (var name in Known.Where(n => !applied.Contains(n)))
            {
                await using var tx = await conn.BeginTransactionAsync(ct);
                await ExecuteAsync(conn, Read(name), ct);
                await using (var record = new NpgsqlCommand($"INSERT INTO {table} (name) VALUES ($1)", conn))
                {
                    record.Parameters.Add(new NpgsqlParameter { Value = name });
                    await record.ExecuteNonQueryAsync(ct);
                }

                await tx.CommitAsync(ct);
                ran.Add(name);
            }

            return ran;
        }
        finally
        {
            await ExecuteAsync(conn, $"SELECT pg_advisory_unlock({lockKey})", CancellationToken.None);
        }
    }

    private string Read(string name)
    {
        using var stream = assembly.GetManifestResourceStream($"Migrations.{name}.sql")
            ?? throw new InvalidOperationException($"Migration {name} is not embedded.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private static async Task ExecuteAsync(NpgsqlConnection conn, string sql, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(sql, conn);
        await cmd.ExecuteNonQueryAsync(ct);
    }
}
