using System.Text.Json;
using Failkit.Workflows.Core;
using Failkit.Workflows.Core.Execution;
using Failkit.Workflows.Core.Expressions;
using Failkit.Workflows.Persistence.Data;
using Failkit.Workflows.Runtime.Stores;
using Microsoft.EntityFrameworkCore;

namespace Failkit.Workflows.Persistence;

public sealed partial class PostgresWorkflowInstanceStore
{
    /// <summary>The instance list. Items are summaries (no variables, contexts or bookmarks), like the in-memory
    /// store's: a list page never loads instance state.</summary>
    public async Task<(IReadOnlyList<WorkflowState> Items, int Total)> QueryAsync(InstanceQuery query, CancellationToken cancellationToken)
    {
        await db.EnsureMigratedAsync(cancellationToken);
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = Filter(context.Instances.AsNoTracking(), query);
        var total = await rows.CountAsync(cancellationToken);
        var ordered = query.Descending ? rows.OrderByDescending(r => r.CreatedAt).ThenByDescending(r => r.Id) : rows.OrderBy(r => r.CreatedAt).ThenBy(r => r.Id);
        var page = await ordered
            .Skip(query.Page * query.PageSize)
            .Take(query.PageSize)
            .Select(r => new InstanceRow
            {
                Id = r.Id, DefinitionId = r.DefinitionId, VersionId = r.VersionId, Version = r.Version, Status = r.Status, SubStatus = r.SubStatus,
                CorrelationId = r.CorrelationId, Name = r.Name, Incidents = r.Incidents, CreatedAt = r.CreatedAt, UpdatedAt = r.UpdatedAt, FinishedAt = r.FinishedAt,
            })
            .ToListAsync(cancellationToken);
        return (page.Select(Summary).ToList(), total);
    }

    public async Task<IReadOnlyList<ActivityExecutionRecord>> GetJournalAsync(string instanceId, CancellationToken cancellationToken)
    {
        await db.EnsureMigratedAsync(cancellationToken);
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await context.Journal.AsNoTracking().Where(r => r.InstanceId == instanceId).OrderBy(r => r.Sequence).ToListAsync(cancellationToken);
        return rows.Select(Record).ToList();
    }

    private static IQueryable<InstanceRow> Filter(IQueryable<InstanceRow> rows, InstanceQuery q)
    {
        if (q.DefinitionId is { } definitionId)
        {
            rows = rows.Where(r => r.DefinitionId == definitionId);
        }

        if (q.DefinitionIds is { Count: > 0 } definitionIds)
        {
            var ids = definitionIds.ToList();
            rows = rows.Where(r => ids.Contains(r.DefinitionId));
        }

        if (q.CorrelationId is { } correlationId)
        {
            rows = rows.Where(r => r.CorrelationId == correlationId);
        }

        if (q.Status is { } status)
        {
            var text = status.ToString();
            rows = rows.Where(r => r.Status == text);
        }

        if (q.SubStatuses is { Count: > 0 } subStatuses)
        {
            var texts = subStatuses.Select(s => s.ToString()).ToList();
            rows = rows.Where(r => texts.Contains(r.SubStatus));
        }

        if (q.CreatedFrom is { } from)
        {
            var utc = from.ToUniversalTime();
            rows = rows.Where(r => r.CreatedAt >= utc);
        }

        if (q.CreatedTo is { } to)
        {
            var utc = to.ToUniversalTime();
            rows = rows.Where(r => r.CreatedAt <= utc);
        }

        if (!string.IsNullOrEmpty(q.SearchTerm))
        {
            var pattern = "%" + q.SearchTerm.Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_") + "%";
            var term = q.SearchTerm;
            rows = rows.Where(r => EF.Functions.ILike(r.Name ?? "", pattern) || r.Id.Contains(term));
        }

        return rows;
    }

    private static WorkflowState Summary(InstanceRow r) => new()
    {
        Id = r.Id,
        DefinitionId = r.DefinitionId,
        DefinitionVersionId = r.VersionId,
        DefinitionVersion = r.Version,
        CorrelationId = r.CorrelationId,
        Name = r.Name,
        Status = Enum.Parse<WorkflowStatus>(r.Status),
        SubStatus = Enum.Parse<WorkflowSubStatus>(r.SubStatus),
        Incidents = JsonSerializer.Deserialize<List<Incident>>(r.Incidents, WorkflowJson.Options) ?? [],
        CreatedAt = r.CreatedAt,
        UpdatedAt = r.UpdatedAt,
        FinishedAt = r.FinishedAt,
    };

    private static ActivityExecutionRecord Record(JournalRow r) => new()
    {
        Id = r.Id,
        WorkflowInstanceId = r.InstanceId,
        ActivityId = r.ActivityId,
        NodeId = r.NodeId,
        ActivityType = r.ActivityType,
        ActivityName = r.ActivityName,
        Status = Enum.Parse<ActivityStatus>(r.Status),
        StartedAt = r.StartedAt,
        CompletedAt = r.CompletedAt,
        Inputs = Values(r.Inputs),
        Outputs = Values(r.Outputs),
        Outcomes = r.Outcomes is null ? null : JsonSerializer.Deserialize<List<string>>(r.Outcomes),
        Exception = r.Exception,
        Attempts = r.Attempts,
        Sequence = r.Sequence,
    };

    /// <summary>Journal values come back as plain CLR values, as they went in, not as JSON elements.</summary>
    private static Dictionary<string, object?>? Values(string? json) =>
        json is null
            ? null
            : JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(json)!
                .ToDictionary(kv => kv.Key, kv => ValueConverter.FromJson(kv.Value), StringComparer.Ordinal);
}
