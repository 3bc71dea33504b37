using Failkit.Drills.Cloud;
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
    }

    private static async Task<Ok<IReadOnlyList<CloudAccountView>>> ListAsync(CloudAccountStore store, CancellationToken ct) =>
        TypedResults.Ok(await store.ListAsync(ct));

    private static async Task<Results<Created<CloudAccountView>, ValidationProblem>> CreateAsync(
        CloudAccountInput? input, CloudAccountStore store, CloudProviders providers, IAuditTrail audit, HttpContext http, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (input is null)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["body"] = ["a JSON body is required"] });
        }

        if (string.IsNullOrWhiteSpace(input.Name) || input.Name.Length > 100)
        {
            errors["name"] = ["name must be 1-100 characters"];
        }
        else if (await store.ExistsByNameAsync(input.Name, ct))
        {
            errors["name"] = [$"a cloud account named '{input.Name}' exists"];
        }

        if (string.IsNullOrWhiteSpace(input.Region) || input.Region.Length > 64)
        {
            errors["region"] = ["region must be 1-64 characters"];
        }

        if (input.Network is null || string.IsNullOrWhiteSpace(input.Network.Network) || string.IsNullOrWhiteSpace(input.Network.Subnet))
        {
            errors["network"] = ["network must name the isolated drill network and its subnet"];
        }

        if (providers.Find(input.Kind) is not { } provider)
        {
            errors["kind"] = [$"kind must be one of {string.Join(", ", providers.Kinds)}"];
        }
        else if (errors.Count == 0)
        {
            try
            {
                provider.Validate(new CloudAccount(Guid.Empty, input.Name, input.Kind, input.Region, input.Network!,
                    input.InstanceTypes ?? new Dictionary<string, string>(), input.Tags ?? new Dictionary<string, string>(), input.Settings ?? [], input.Secret ?? []));
            }
            catch (CloudConfigurationException ex)
            {
                errors["credentials"] = [ex.Message];
            }
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var created = await store.CreateAsync(input, Recorder(audit, http, AccountCreated), ct);
        return TypedResults.Created($"/api/cloud-accounts/{created.Id}", created);
    }

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
