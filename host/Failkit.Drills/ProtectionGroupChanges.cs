namespace Failkit.Drills;

/// <summary>The outcome of a change: the changed item, or the errors by field (the API's validation problem).</summary>
public sealed record ChangeResult<T>(T? Item, IReadOnlyDictionary<string, string[]> Errors)
    where T : class
{
    public bool Ok => Errors.Count == 0 && Item is not null;

    public static ChangeResult<T> Invalid(Dictionary<string, string[]> errors) => new(null, errors);
}

/// <summary>Creating and replacing protection groups with every rule checked: the REST endpoints and the portal both
/// go through here, so a rule exists once. The caller passes the audit <see cref="ProtectionGroupStore.Recorder"/>
/// (built from its request or its signed-in user).</summary>
public sealed class ProtectionGroupChanges(ProtectionGroupStore store, CloudAccountStore accounts, TimeProvider time)
{
    /// <summary>All rules, the ones that read the database included; <paramref name="id"/> is the group being replaced
    /// (null: a new group).</summary>
    public async Task<Dictionary<string, string[]>> ValidateAsync(ProtectionGroupInput? input, Guid? id, CancellationToken ct)
    {
        var errors = ProtectionGroupEndpoints.Validate(input);
        if (input is null || errors.Count > 0)
        {
            return errors;
        }

        if (await accounts.FindAsync(input.CloudAccountId, ct) is null)
        {
            errors["cloudAccountId"] = ["no cloud account has this id"];
        }

        if (id is { } existing ? await store.NameTakenAsync(input.Name, existing, ct) : await store.ExistsByNameAsync(input.Name, ct))
        {
            errors["name"] = [id is null ? $"a protection group named '{input.Name}' exists" : $"another protection group is named '{input.Name}'"];
        }

        return errors;
    }

    public async Task<ChangeResult<ProtectionGroup>> CreateAsync(ProtectionGroupInput? input, ProtectionGroupStore.Recorder? record, CancellationToken ct)
    {
        var errors = await ValidateAsync(input, null, ct);
        if (input is null || errors.Count > 0)
        {
            return ChangeResult<ProtectionGroup>.Invalid(errors);
        }

        return new(await store.CreateAsync(input, NextRun(input), record, ct), errors);
    }

    /// <returns>Null when the group does not exist.</returns>
    public async Task<ChangeResult<ProtectionGroup>?> UpdateAsync(Guid id, ProtectionGroupInput? input, ProtectionGroupStore.Recorder? record, CancellationToken ct)
    {
        var errors = await ValidateAsync(input, id, ct);
        if (input is null || errors.Count > 0)
        {
            return ChangeResult<ProtectionGroup>.Invalid(errors);
        }

        return await store.UpdateAsync(id, input, NextRun(input), record, ct) is { } updated ? new(updated, errors) : null;
    }

    private DateTimeOffset? NextRun(ProtectionGroupInput input) => input.Schedule is { } s ? DrillSchedule.Next(s, input.ScheduleTimeZone, time.GetUtcNow()) : null;
}
