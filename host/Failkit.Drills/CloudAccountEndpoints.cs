using Failkit.Drills.Cloud;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Failkit.Drills;

/// <summary>The tenant's cloud accounts. Reading never returns a secret; creating checks the account with its
/// provider (without calling the cloud) so a missing credential is a 400 now, not a failed drill later.</summary>
public static class CloudAccountEndpoints
{
    public static void MapCloudAccountEndpoints(this IEndpointRouteBuilder app, DrillPolicies policies)
    {
        ArgumentNullException.ThrowIfNull(policies);
        var group = app.MapGroup("/api/cloud-accounts").WithTags("Cloud accounts");
        group.MapGet("", ListAsync).WithName("ListCloudAccounts").RequireAuthorization(policies.Read);
        group.MapPost("", CreateAsync).WithName("CreateCloudAccount").RequireAuthorization(policies.Manage);
    }

    private static async Task<Ok<IReadOnlyList<CloudAccountView>>> ListAsync(CloudAccountStore store, CancellationToken ct) =>
        TypedResults.Ok(await store.ListAsync(ct));

    private static async Task<Results<Created<CloudAccountView>, ValidationProblem>> CreateAsync(
        CloudAccountInput? input, CloudAccountStore store, CloudProviders providers, CancellationToken ct)
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

        var created = await store.CreateAsync(input, ct);
        return TypedResults.Created($"/api/cloud-accounts/{created.Id}", created);
    }
}
