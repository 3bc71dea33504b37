using System.Text.Json;
using Failkit.Workflows.Core;
using Failkit.Workflows.Core.Model;
using Failkit.Workflows.Persistence.Data;
using Failkit.Workflows.Runtime;
using Failkit.Workflows.Runtime.Stores;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Failkit.Workflows.Persistence;

/// <summary>Every version of every definition, one row each. Point reads (the runtime loads a version per burst)
/// are raw Npgsql; lists go through EF Core; <see cref="UpdateAsync{T}"/> is a locked read-modify-write.</summary>
public sealed partial class PostgresWorkflowDefinitionStore(WorkflowsDatabase db, IDbContextFactory<WorkflowsDbContext> contexts) : IWorkflowDefinitionStore
{
    private const string Columns = "id, revision, is_latest, is_published, data";

    public async Task<IReadOnlyList<WorkflowDefinition>> GetVersionsAsync(string definitionId, CancellationToken cancellationToken)
    {
        await using var conn = await db.OpenAsync(cancellationToken);
        return await ReadAsync(conn, null, $"SELECT {Columns} FROM workflows.definitions WHERE definition_id = $1 ORDER BY version", definitionId, cancellationToken);
    }

    public async Task<WorkflowDefinition?> FindByIdAsync(string versionId, CancellationToken cancellationToken)
    {
        await using var conn = await db.OpenAsync(cancellationToken);
        var found = await ReadAsync(conn, null, $"SELECT {Columns} FROM workflows.definitions WHERE id = $1", versionId, cancellationToken);
        return found.Count == 0 ? null : found[0];
    }

    public async Task<IReadOnlyList<WorkflowDefinition>> ListAsync(VersionOptions options, IReadOnlyCollection<string>? definitionIds, CancellationToken cancellationToken)
    {
        await db.EnsureMigratedAsync(cancellationToken);
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = Matching(context.Definitions.AsNoTracking(), options);
        if (definitionIds is { Count: > 0 })
        {
            var ids = definitionIds.ToList();
            rows = rows.Where(r => ids.Contains(r.DefinitionId));
        }

        var list = await rows.OrderBy(r => r.DefinitionId).ThenBy(r => r.Version).ToListAsync(cancellationToken);
        return list.Select(r => Parse(r.Data, r.Revision, r.IsLatest, r.IsPublished)).ToList();
    }

    private static IQueryable<DefinitionRow> Matching(IQueryable<DefinitionRow> rows, VersionOptions options)
    {
        var version = options.Version;
        return options.Kind switch
        {
            "Latest" => rows.Where(r => r.IsLatest),
            "Published" => rows.Where(r => r.IsPublished),
            "LatestOrPublished" => rows.Where(r => r.IsLatest || r.IsPublished),
            "LatestAndPublished" => rows.Where(r => r.IsLatest && r.IsPublished),
            "Draft" => rows.Where(r => !r.IsPublished),
            "Specific" => rows.Where(r => r.Version == version),
            _ => rows,
        };
    }

    private static async Task<List<WorkflowDefinition>> ReadAsync(NpgsqlConnection conn, NpgsqlTransaction? tx, string sql, string key, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(sql, conn, tx);
        cmd.Parameters.Add(new NpgsqlParameter { Value = key });
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        var list = new List<WorkflowDefinition>();
        while (await reader.ReadAsync(ct))
        {
            list.Add(Parse(reader.GetString(4), reader.GetInt64(1), reader.GetBoolean(2), reader.GetBoolean(3)));
        }

        return list;
    }

    /// <summary>The flag columns are what the unique indexes guard, so they win over the copy inside the JSON.</summary>
    private static WorkflowDefinition Parse(string json, long revision, bool isLatest, bool isPublished)
    {
        var d = JsonSerializer.Deserialize<WorkflowDefinition>(json, WorkflowJson.Options)!;
        d.Revision = revision;
        d.IsLatest = isLatest;
        d.IsPublished = isPublished;
        return d;
    }
}
