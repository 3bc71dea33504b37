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
        Guid id, ProtectionGroupInput? input, ProtectionGroupChanges changes, IAuditTrail audit, HttpContext http, CancellationToken ct) =>
        await changes.UpdateAsync(id, input, Recorder(audit, http, GroupUpdated), ct) switch
        {
            null => TypedResults.NotFound(),
            { Item: { } updated } => TypedResults.Ok(updated),
            { } invalid => TypedResults.ValidationProblem(invalid.Errors),
        };

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
