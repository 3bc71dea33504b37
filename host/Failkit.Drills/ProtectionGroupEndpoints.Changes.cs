using Failkit.Tenancy.Audit;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Failkit.Drills;

/// <summary>Replacing and deleting a group. Every change writes its audit event (with the group before and after) in
/// the change's own transaction.</summary>
public static partial class ProtectionGroupEndpoints
{
    public const string GroupCreated = "protection-group.created";
    public const string GroupUpdated = "protection-group.updated";
    public const string GroupDeleted = "protection-group.deleted";

    private static async Task<Results<Ok<ProtectionGroup>, NotFound, ValidationProblem>> UpdateAsync(
        Guid id, ProtectionGroupInput? input, ProtectionGroupStore store, CloudAccountStore accounts, TimeProvider time, IAuditTrail audit,
        HttpContext http, CancellationToken ct)
    {
        var errors = Validate(input);
        if (input is not null && errors.Count == 0)
        {
            if (await accounts.FindAsync(input.CloudAccountId, ct) is null)
            {
                errors["cloudAccountId"] = ["no cloud account has this id"];
            }

            if (await store.NameTakenAsync(input.Name, id, ct))
            {
                errors["name"] = [$"another protection group is named '{input.Name}'"];
            }
        }

        if (input is null || errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var next = input.Schedule is { } s ? DrillSchedule.Next(s, time.GetUtcNow()) : null;
        return await store.UpdateAsync(id, input, next, Recorder(audit, http, GroupUpdated), ct) is { } updated
            ? TypedResults.Ok(updated)
            : TypedResults.NotFound();
    }

    private static async Task<Results<NoContent, NotFound, ProblemHttpResult>> DeleteAsync(
        Guid id, ProtectionGroupStore store, IAuditTrail audit, HttpContext http, CancellationToken ct) =>
        await store.DeleteAsync(id, Recorder(audit, http, GroupDeleted), ct) switch
        {
            ChangeOutcome.Done => TypedResults.NoContent(),
            ChangeOutcome.NotFound => TypedResults.NotFound(),
            _ => TypedResults.Problem("Drills have run on this protection group; it is kept as part of their evidence.",
                statusCode: StatusCodes.Status409Conflict, title: "The protection group is in use."),
        };

    private static ProtectionGroupStore.Recorder Recorder(IAuditTrail audit, HttpContext http, string kind) =>
        (conn, before, after) => audit.WriteAsync(conn,
            AuditEntry.For(http, kind, (after ?? before)!.Id.ToString(), (after ?? before)!.Name).Change(before, after), http.RequestAborted);
}
