using System.Collections.Concurrent;
using Azure;
using Azure.Core;
using Azure.Identity;
using Azure.ResourceManager;
using Azure.ResourceManager.Resources;
using Azure.Storage.Blobs;
using Failkit.Drills.Cloud;

namespace Failkit.Activities.Azure;

/// <summary>One use of an Azure account: the ARM and Blob clients over one credential, every call through the
/// account's <see cref="CloudCalls"/>.</summary>
internal sealed partial class AzureSession : ICloudSession
{
    /// <summary>Blob metadata names must be C# identifiers, so the drill tag's dash becomes an underscore there.</summary>
    internal const string BlobDrillKey = "failkit_drill";
    internal const string BlobVmKey = "failkit_vm";

    private const string NetworkApiVersion = "2023-04-01";
    private const string ComputeApiVersion = "2022-08-01";

    private readonly CloudAccount _account;
    private readonly AzureSettings _settings;
    private readonly CloudCalls _calls;
    private readonly AzureClientPlumbing _plumbing;
    private readonly TimeProvider _time;
    private readonly ArmClient _arm;
    private readonly ResourceGroupResource _group;
    private readonly SubscriptionResource _subscription;
    private readonly BlobContainerClient _container;
    private readonly BlobClientOptions _blobOptions;
    private readonly ConcurrentDictionary<string, string> _addresses = new(StringComparer.OrdinalIgnoreCase);

    public AzureSession(CloudAccount account, AzureSettings settings, CloudCalls calls, AzureClientPlumbing plumbing, TimeProvider time)
    {
        _account = account;
        _settings = settings;
        _calls = calls;
        _plumbing = plumbing;
        _time = time;
        var credential = Credential();
        var armOptions = new ArmClientOptions { Environment = new ArmEnvironment(settings.ArmEndpoint, settings.ArmAudience) };
        Configure(armOptions);
        foreach (var type in (string[])["networkInterfaces", "publicIPAddresses"])
        {
            armOptions.SetApiVersion(new ResourceType($"Microsoft.Network/{type}"), NetworkApiVersion);
        }

        foreach (var type in (string[])["snapshots", "images"])
        {
            armOptions.SetApiVersion(new ResourceType($"Microsoft.Compute/{type}"), ComputeApiVersion);
        }

        _arm = new ArmClient(credential, settings.SubscriptionId, armOptions);
        _subscription = _arm.GetSubscriptionResource(SubscriptionResource.CreateResourceIdentifier(settings.SubscriptionId));
        _group = _arm.GetResourceGroupResource(ResourceGroupResource.CreateResourceIdentifier(settings.SubscriptionId, settings.ResourceGroup));
        _blobOptions = Configure(new BlobClientOptions());
        _container = new BlobServiceClient(settings.BlobEndpoint, credential, _blobOptions).GetBlobContainerClient(settings.StorageContainer);
    }

    public bool Simulated => false;

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private T Configure<T>(T options)
        where T : ClientOptions
    {
        // CloudCalls owns throttling retries (with the account-wide cap); the SDK retrying 429s on its own would hide
        // them, and the drill's step retry covers other transient failures with the same idempotency key.
        options.Retry.MaxRetries = 0;
        if (_plumbing.Transport is { } transport)
        {
            options.Transport = transport;
        }

        return options;
    }

    private TokenCredential Credential()
    {
        var s = _settings;
        // Instance discovery asks the public cloud about the authority; sovereign and private authorities answer it themselves.
        var discover = s.AuthorityHost == AzureSettings.PublicAuthority;
        if (s.ClientSecret is { } secret)
        {
            var options = Configure(new ClientSecretCredentialOptions { AuthorityHost = s.AuthorityHost, DisableInstanceDiscovery = !discover });
            options.Retry.MaxRetries = 3;
            return new ClientSecretCredential(s.TenantId, s.ClientId, secret, options);
        }

        var assertionOptions = Configure(new ClientAssertionCredentialOptions { AuthorityHost = s.AuthorityHost, DisableInstanceDiscovery = !discover });
        assertionOptions.Retry.MaxRetries = 3;
        return new ClientAssertionCredential(s.TenantId, s.ClientId, async ct =>
            s.ClientAssertion ?? (await File.ReadAllTextAsync(s.FederatedTokenFile!, ct)).Trim(), assertionOptions);
    }

    private Task<T> CallAsync<T>(string what, Func<CancellationToken, Task<T>> call, CancellationToken ct) =>
        _calls.RunAsync(async c =>
        {
            try
            {
                return await call(c);
            }
            catch (RequestFailedException ex)
            {
                throw AzureErrors.Map(what, ex, _time);
            }
            catch (AuthenticationFailedException ex)
            {
                throw new CloudOperationException($"Azure sign-in failed while trying to {what}: {ex.Message.Split('\n', 2)[0]}", "AuthenticationFailed", null, ex);
            }
        }, ct);

    /// <summary>Waits for a long-running operation; returns its value and the request id of the call that started it.</summary>
    private async Task<(T Value, string? RequestId)> CompleteAsync<T>(ArmOperation<T> op, CancellationToken ct)
    {
        var requestId = op.GetRawResponse().Headers.RequestId;
        await WaitAsync(op, ct);
        return (op.Value, requestId);
    }

    private async Task<string?> CompleteAsync(ArmOperation op, CancellationToken ct)
    {
        var requestId = op.GetRawResponse().Headers.RequestId;
        await WaitAsync(op, ct);
        return requestId;
    }

    private async Task WaitAsync(Operation op, CancellationToken ct)
    {
        if (_plumbing.PollInterval is not { } every)
        {
            // What WaitUntil.Completed does: the SDK's poller with ARM's own delays and Retry-After.
            await op.WaitForCompletionResponseAsync(ct);
            return;
        }

        // ARM's poller waits at least a second between polls whatever interval it is given; tests poll faster.
        while (!op.HasCompleted)
        {
            await Task.Delay(every, _time, ct);
            await op.UpdateStatusAsync(ct);
        }
    }

    private static async Task<T?> OrNullWhenMissingAsync<T>(Func<Task<Response<T>>> call)
        where T : class
    {
        try
        {
            return (await call()).Value;
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }
    }

    private Dictionary<string, string> TagsFor(string drillTagValue, string vmName, IReadOnlyDictionary<string, string> extra)
    {
        var tags = new Dictionary<string, string>(_account.Tags, StringComparer.Ordinal);
        foreach (var (k, v) in extra)
        {
            tags[k] = v;
        }

        tags[DrillTags.Key] = drillTagValue;
        tags[DrillTags.VmKey] = vmName;
        return tags;
    }
}
