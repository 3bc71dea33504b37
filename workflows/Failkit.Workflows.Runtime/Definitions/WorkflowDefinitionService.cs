using Failkit.Workflows.Core.Model;
using Failkit.Workflows.Core.Serialization;
using Failkit.Workflows.Runtime.Stores;

namespace Failkit.Workflows.Runtime.Definitions;

/// <summary>Elsa's versioning rules: save creates or overwrites the draft, publish validates and moves the published
/// flag, retract clears it, revert copies an old version into a new draft, delete keeps a latest version. Each change
/// is reported to the registered <see cref="IWorkflowDefinitionObserver"/>s after it is stored.</summary>
public sealed class WorkflowDefinitionService(
    IWorkflowDefinitionStore store, WorkflowMaterializer materializer, WorkflowGraphCache graphs, TimeProvider time,
    IEnumerable<IWorkflowDefinitionObserver> observers)
{
    /// <summary>Raised after publish, retract and delete, so the trigger index can follow.</summary>
    public event Func<string, Task>? PublishedSetChanged;

    public async Task<SaveResult> SaveAsync(WorkflowDefinition model, bool publish, CancellationToken ct)
    {
        var definitionId = string.IsNullOrWhiteSpace(model.DefinitionId) ? Guid.NewGuid().ToString("N")[..16] : model.DefinitionId;
        NodeIds.Assign(model.Root);
        if (publish)
        {
            ThrowIfInvalid(model);
        }

        WorkflowDefinitionSummary? before = null;
        var result = await store.UpdateAsync(definitionId, versions =>
        {
            var latest = versions.FirstOrDefault(v => v.IsLatest);
            before = latest is null ? null : WorkflowDefinitionSummary.Of(latest);
            WorkflowDefinition target;
            if (latest is not null && !latest.IsPublished)
            {
                target = latest;
            }
            else
            {
                if (latest is not null)
                {
                    latest.IsLatest = false;
                }

                target = new WorkflowDefinition
                {
                    Id = NewVersionId(),
                    DefinitionId = definitionId,
                    Version = versions.Count == 0 ? 1 : versions.Max(v => v.Version) + 1,
                    CreatedAt = time.GetUtcNow(),
                    IsLatest = true,
                };
                versions.Add(target);
            }

            CopyContent(model, target);
            var alreadyPublished = false;
            if (publish)
            {
                MarkPublished(versions, target);
            }

            return new SaveResult(target.Clone(), alreadyPublished);
        }, ct);

        graphs.Invalidate(definitionId);
        if (publish)
        {
            await RaiseAsync(definitionId);
        }

        var saved = WorkflowDefinitionSummary.Of(result.Definition);
        await NotifyAsync(WorkflowDefinitionChangeKind.Saved, definitionId, before, publish ? saved with { IsPublished = false } : saved, ct);
        if (publish)
        {
            await NotifyAsync(WorkflowDefinitionChangeKind.Published, definitionId, saved with { IsPublished = false }, saved, ct);
        }

        return result;
    }

    public async Task<SaveResult> PublishAsync(string definitionId, CancellationToken ct)
    {
        var latest = (await store.GetVersionsAsync(definitionId, ct)).FirstOrDefault(v => v.IsLatest)
            ?? throw new DefinitionNotFoundException(definitionId);
        if (latest.IsPublished)
        {
            return new SaveResult(latest, AlreadyPublished: true);
        }

        ThrowIfInvalid(latest);
        var result = await store.UpdateAsync(definitionId, versions =>
        {
            var target = versions.First(v => v.IsLatest);
            MarkPublished(versions, target);
            return new SaveResult(target.Clone(), false);
        }, ct);
        graphs.Invalidate(definitionId);
        await RaiseAsync(definitionId);
        await NotifyAsync(WorkflowDefinitionChangeKind.Published, definitionId, WorkflowDefinitionSummary.Of(latest), WorkflowDefinitionSummary.Of(result.Definition), ct);
        return result;
    }

    public async Task<WorkflowDefinition> RetractAsync(string definitionId, CancellationToken ct)
    {
        var result = await store.UpdateAsync(definitionId, versions =>
        {
            if (versions.Count == 0)
            {
                throw new DefinitionNotFoundException(definitionId);
            }

            var published = versions.FirstOrDefault(v => v.IsPublished)
                ?? throw new VersioningException($"Workflow with id {definitionId} is not published.");
            published.IsPublished = false;
            return published.Clone();
        }, ct);
        graphs.Invalidate(definitionId);
        await RaiseAsync(definitionId);
        var after = WorkflowDefinitionSummary.Of(result);
        await NotifyAsync(WorkflowDefinitionChangeKind.Retracted, definitionId, after with { IsPublished = true }, after, ct);
        return result;
    }

    public async Task<WorkflowDefinition> RevertAsync(string definitionId, int version, CancellationToken ct)
    {
        var result = await store.UpdateAsync(definitionId, versions =>
        {
            var source = versions.FirstOrDefault(v => v.Version == version)
                ?? throw new DefinitionNotFoundException($"{definitionId} v{version}");
            foreach (var v in versions)
            {
                v.IsLatest = false;
            }

            var copy = source.Clone();
            copy.Id = NewVersionId();
            copy.Version = versions.Max(v => v.Version) + 1;
            copy.IsLatest = true;
            copy.IsPublished = false;
            copy.CreatedAt = time.GetUtcNow();
            versions.Add(copy);
            return copy.Clone();
        }, ct);
        graphs.Invalidate(definitionId);
        await NotifyAsync(WorkflowDefinitionChangeKind.Reverted, definitionId, null, WorkflowDefinitionSummary.Of(result), ct);
        return result;
    }

    /// <summary>Deletes one version; if it was the latest, the highest remaining version becomes latest.</summary>
    public async Task<bool> DeleteVersionAsync(string versionId, CancellationToken ct)
    {
        var found = await store.FindByIdAsync(versionId, ct);
        if (found is null)
        {
            return false;
        }

        await store.UpdateAsync(found.DefinitionId, versions =>
        {
            versions.RemoveAll(v => v.Id == versionId);
            if (versions.Count > 0 && !versions.Exists(v => v.IsLatest))
            {
                versions.OrderByDescending(v => v.Version).First().IsLatest = true;
            }

            return true;
        }, ct);
        graphs.Invalidate(found.DefinitionId);
        await RaiseAsync(found.DefinitionId);
        await NotifyAsync(WorkflowDefinitionChangeKind.Deleted, found.DefinitionId, WorkflowDefinitionSummary.Of(found), null, ct);
        return true;
    }

    public async Task<bool> DeleteAsync(string definitionId, CancellationToken ct)
    {
        WorkflowDefinitionSummary? latest = null;
        var existed = await store.UpdateAsync(definitionId, versions =>
        {
            var any = versions.Count > 0;
            latest = versions.FirstOrDefault(v => v.IsLatest) is { } l ? WorkflowDefinitionSummary.Of(l) : null;
            versions.Clear();
            return any;
        }, ct);
        graphs.Invalidate(definitionId);
        if (existed)
        {
            await RaiseAsync(definitionId);
            await NotifyAsync(WorkflowDefinitionChangeKind.Deleted, definitionId, latest, null, ct);
        }

        return existed;
    }

    private void ThrowIfInvalid(WorkflowDefinition definition)
    {
        var errors = materializer.Validate(definition);
        if (errors.Count > 0)
        {
            throw new WorkflowValidationException(errors);
        }
    }

    private static void MarkPublished(List<WorkflowDefinition> versions, WorkflowDefinition target)
    {
        foreach (var v in versions)
        {
            v.IsPublished = false;
            v.IsLatest = false;
        }

        target.IsPublished = true;
        target.IsLatest = true;
    }

    private static void CopyContent(WorkflowDefinition from, WorkflowDefinition to)
    {
        to.Name = string.IsNullOrWhiteSpace(from.Name) ? to.Name : from.Name;
        to.Description = from.Description;
        to.ToolVersion = from.ToolVersion;
        to.Variables = from.Variables;
        to.Inputs = from.Inputs;
        to.Outputs = from.Outputs;
        to.Outcomes = from.Outcomes;
        to.CustomProperties = from.CustomProperties;
        to.Options = from.Options;
        to.IsReadonly = from.IsReadonly;
        to.IsSystem = from.IsSystem;
        to.Root = from.Root;
        to.Extra = from.Extra;
    }

    private static string NewVersionId() => Guid.NewGuid().ToString("N")[..16];

    private async Task NotifyAsync(
        WorkflowDefinitionChangeKind kind, string definitionId, WorkflowDefinitionSummary? before, WorkflowDefinitionSummary? after, CancellationToken ct)
    {
        foreach (var observer in observers)
        {
            await observer.OnChangedAsync(new WorkflowDefinitionChange(kind, definitionId, before, after), ct);
        }
    }

    private async Task RaiseAsync(string definitionId)
    {
        if (PublishedSetChanged is { } handler)
        {
            await handler(definitionId);
        }
    }
}

/// <summary>The saved version; <see cref="AlreadyPublished"/> when publish found nothing to do.</summary>
public sealed record SaveResult(WorkflowDefinition Definition, bool AlreadyPublished);
