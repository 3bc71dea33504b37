using Failkit.Workflows.Core;
using Failkit.Workflows.Core.Execution;

namespace Failkit.Workflows.Api.Instances;

/// <summary>Projects the engine's instance state onto Elsa's instance shapes.</summary>
public static class InstanceMapper
{
    public static WorkflowInstanceSummary ToSummary(WorkflowState s) => new(
        s.Id, s.DefinitionId, s.DefinitionVersionId, s.DefinitionVersion, s.Status, s.SubStatus, s.CorrelationId, s.Name,
        s.Incidents.Count, s.CreatedAt, s.UpdatedAt, s.FinishedAt);

    public static WorkflowInstanceModel ToModel(WorkflowState s) => new(
        s.Id, s.DefinitionId, s.DefinitionVersionId, s.DefinitionVersion, s.Status, s.SubStatus, s.CorrelationId, s.Name,
        s.Incidents.Count, s.CreatedAt, s.UpdatedAt, s.FinishedAt, ToState(s));

    public static WorkflowStateModel ToState(WorkflowState s) => new()
    {
        Id = s.Id,
        DefinitionId = s.DefinitionId,
        DefinitionVersionId = s.DefinitionVersionId,
        DefinitionVersion = s.DefinitionVersion,
        CorrelationId = s.CorrelationId,
        Status = s.Status,
        SubStatus = s.SubStatus,
        Bookmarks = s.Bookmarks.Select(ToModel).ToList(),
        Incidents = s.Incidents.Select(i => new IncidentModel(
            i.ActivityId, i.ActivityNodeId, i.ActivityType, i.Message,
            i.ExceptionType is null ? null : new ExceptionModel(i.ExceptionType, i.Message), i.Timestamp, i.Attempts)).ToList(),
        Fault = s.Fault is null ? null : new FaultModel(s.Fault, null),
        ActivityExecutionContexts = s.Contexts.Select(c => new ActivityExecutionContextModel(
            c.Id, c.ParentId, c.NodeId, c.Status, c.StartedAt, c.Attempt - 1, c.Inputs, c.Properties)).ToList(),
        Input = s.Input,
        Output = s.Output,
        Properties = s.Properties,
        Variables = s.Variables,
        CreatedAt = s.CreatedAt,
        UpdatedAt = s.UpdatedAt,
        FinishedAt = s.FinishedAt,
    };

    public static BookmarkModel ToModel(Bookmark b) => new(
        b.Id, b.Name, b.Hash, b.Payload, ActivityIdOf(b.ActivityNodeId), b.ActivityNodeId, b.ActivityInstanceId, b.CreatedAt, b.ResumeAt);

    /// <summary>A nodeId is the colon-joined path of activity ids, so its last segment is the activity id.</summary>
    public static string ActivityIdOf(string nodeId) => nodeId[(nodeId.LastIndexOf(':') + 1)..];
}
