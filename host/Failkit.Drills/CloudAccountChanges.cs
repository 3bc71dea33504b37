using Failkit.Drills.Cloud;

namespace Failkit.Drills;

/// <summary>Creating cloud accounts with every rule checked, the provider's own check of settings and secret
/// included (without calling the cloud); the REST endpoint and the portal both go through here.</summary>
public sealed class CloudAccountChanges(CloudAccountStore store, CloudProviders providers)
{
    public async Task<Dictionary<string, string[]>> ValidateAsync(CloudAccountInput? input, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (input is null)
        {
            errors["body"] = ["a JSON body is required"];
            return errors;
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

        return errors;
    }

    public async Task<ChangeResult<CloudAccountView>> CreateAsync(CloudAccountInput? input, CloudAccountStore.Recorder? record, CancellationToken ct)
    {
        var errors = await ValidateAsync(input, ct);
        if (input is null || errors.Count > 0)
        {
            return ChangeResult<CloudAccountView>.Invalid(errors);
        }

        return new(await store.CreateAsync(input, record, ct), errors);
    }
}
