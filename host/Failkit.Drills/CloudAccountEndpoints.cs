using Failkit.Tenancy.Audit;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Failkit.Drills;

/// <summary>The tenant's cloud accounts. Reading never returns a secret; creating checks the account with its
/// provider (without calling the cloud) so a missing credential is a 400 now, not a failed drill later. Changes are
/// audited with the account as the API shows it, so the secret never reaches the audit log.</summary>
public static class CloudAccountEndpoints
{
    public const string AccountCreated = "cloud-account.created";
    public const string AccountDeleted = "cloud-account.deleted";

    public static void MapCloudAccountEndpoints(this IEndpointRouteBuilder app, DrillPolicies policies)
    {
        ArgumentNullException.ThrowIfNull(policies);
        var group = app.MapGroup("/api/cloud-accounts").WithTags("Cloud accounts");
        group.MapGet("", ListAsync).WithName("ListCloudAccounts").RequireAuthorization(policies.Read);
        group.MapPost("", CreateAsync).WithName("CreateCloudAccount").RequireAuthorization(policies.Manage);
        group.MapDelete("/{id:guid}", DeleteAsync).WithName("DeleteCloudAccount").RequireAuthorization(policies.Manage);
        group.MapPost("/{id:guid}/test", TestAsync).WithName("TestCloudAccount").RequireAuthorization(policies.Operate);
    }

    private static async Task<Ok<IReadOnlyList<CloudAccountView>>> ListAsync(CloudAccountStore store, CancellationToken ct) =>
        TypedResults.Ok(await store.ListAsync(ct));

    private static async Task<Results<Created<CloudAccountView>, ValidationProblem>> CreateAsync(
        CloudAccountInput? input, CloudAccountChanges changes, IAuditTrail audit, HttpContext http, CancellationToken ct)
    {
        var result = await changes.CreateAsync(input, Recorder(audit, http, AccountCreated), ct);
        return result.Item is { } created
            ? TypedResults.Created($"/api/cloud-accounts/{created.Id}", created)
            : TypedResults.ValidationProblem(result.Errors);
    }

    /// <summary>A harmless read through the account's provider (<see cref="CloudConnectionTest"/>): 200 with the
    /// outcome whether the cloud answered or not, 404 for an unknown account.</summary>
    private static async Task<Results<Ok<ConnectionTestResult>, NotFound>> TestAsync(Guid id, CloudConnectionTest test, CancellationToken ct) =>
        await test.RunAsync(id, ct) is { } result ? TypedResults.Ok(result) : TypedResults.NotFound();

    private static async Task<Results<NoContent, NotFound, ProblemHttpResult>> DeleteAsync(
        Guid id, CloudAccountStore store, IAuditTrail audit, HttpContext http, CancellationToken ct) =>
        await store.DeleteAsync(id, Recorder(audit, http, AccountDeleted), ct) switch
        {
            ChangeOutcome.Done => TypedResults.NoContent(),
            ChangeOutcome.NotFound => TypedResults.NotFound(),
            _ => TypedResults.Problem("A protection group uses this cloud account.", statusCode: StatusCodes.Status409Conflict,
                title: "The cloud account is in use."),
        };

    private static CloudAccountStore.Recorder Recorder(IAuditTrail audit, HttpContext http, string kind) =>
        (conn, before, after) => audit.WriteAsync(conn,
            AuditEntry.For(http, kind, (after ?? before)!.Id.ToString(), (after ?? before)!.Name).Change(before, after), http.RequestAborted);
}
