using System.Text.Json.Nodes;
using Failkit.Drills.Cloud;

namespace Failkit.Activities.Azure;

/// <summary>The Azure account's settings and secret, read from <see cref="CloudAccount.Settings"/> and
/// <see cref="CloudAccount.Secret"/>. The keys are listed in docs/decisions/drills-azure-provider.md.</summary>
internal sealed record AzureSettings(
    string TenantId,
    string ClientId,
    string SubscriptionId,
    string ResourceGroup,
    string NetworkResourceGroup,
    string StorageAccount,
    string StorageContainer,
    Uri BlobEndpoint,
    Uri ArmEndpoint,
    string ArmAudience,
    Uri AuthorityHost,
    string OsType,
    int MaxConcurrency,
    string? ClientSecret,
    string? ClientAssertion,
    string? FederatedTokenFile)
{
    public static readonly Uri PublicArm = new("https://management.azure.com/");
    public static readonly Uri PublicAuthority = new("https://login.microsoftonline.com/");

    public static AzureSettings Read(CloudAccount account)
    {
        ArgumentNullException.ThrowIfNull(account);
        if (account.Kind != CloudKind.Azure)
        {
            throw new CloudConfigurationException($"The account '{account.Name}' is a {account.Kind} account, not an Azure one.");
        }

        var s = account.Settings;
        var secret = account.Secret;
        if (string.IsNullOrWhiteSpace(account.Region))
        {
            throw new CloudConfigurationException("The account's region (the Azure location, e.g. westeurope) is required.");
        }

        if (string.IsNullOrWhiteSpace(account.Network.Network) || string.IsNullOrWhiteSpace(account.Network.Subnet))
        {
            throw new CloudConfigurationException("The drill network needs a virtual network and a subnet (network.network, network.subnet).");
        }

        var storageAccount = Required(s, "storageAccount");
        var resourceGroup = Required(s, "resourceGroup");
        var arm = OptionalUri(s, "armEndpoint") ?? PublicArm;
        var clientSecret = Optional(secret, "clientSecret");
        var assertion = Optional(secret, "clientAssertion");
        var tokenFile = Optional(s, "federatedTokenFile");
        if (clientSecret is null && assertion is null && tokenFile is null)
        {
            throw new CloudConfigurationException(
                "The secret needs 'clientSecret' (client credentials), or 'clientAssertion' / the setting 'federatedTokenFile' (federated identity).");
        }

        var osType = Optional(s, "osType") ?? "Linux";
        if (osType is not ("Linux" or "Windows"))
        {
            throw new CloudConfigurationException($"The setting 'osType' must be Linux or Windows, not '{osType}'.");
        }

        var concurrency = 8;
        if (Optional(s, "maxConcurrency") is { } text && (!int.TryParse(text, out concurrency) || concurrency < 1))
        {
            throw new CloudConfigurationException($"The setting 'maxConcurrency' must be a positive whole number, not '{text}'.");
        }

        return new AzureSettings(
            TenantId: Required(s, "tenantId"),
            ClientId: Required(s, "clientId"),
            SubscriptionId: Required(s, "subscriptionId"),
            ResourceGroup: resourceGroup,
            NetworkResourceGroup: Optional(s, "networkResourceGroup") ?? resourceGroup,
            StorageAccount: storageAccount,
            StorageContainer: Optional(s, "storageContainer") ?? "failkit-drills",
            BlobEndpoint: OptionalUri(s, "blobEndpoint") ?? new Uri($"https://{storageAccount}.blob.core.windows.net/"),
            ArmEndpoint: arm,
            ArmAudience: Optional(s, "armAudience") ?? arm.GetLeftPart(UriPartial.Authority),
            AuthorityHost: OptionalUri(s, "authorityHost") ?? PublicAuthority,
            OsType: osType,
            MaxConcurrency: concurrency,
            ClientSecret: clientSecret,
            ClientAssertion: assertion,
            FederatedTokenFile: tokenFile);
    }

    public string StorageAccountId =>
        $"/subscriptions/{SubscriptionId}/resourceGroups/{ResourceGroup}/providers/Microsoft.Storage/storageAccounts/{StorageAccount}";

    // The generated record ToString would print the client secret into any log that formats the settings.
    public override string ToString() => $"Azure subscription {SubscriptionId}, resource group {ResourceGroup}";

    private static string Required(JsonObject obj, string key) =>
        Optional(obj, key) ?? throw new CloudConfigurationException($"The Azure account is missing '{key}'.");

    private static string? Optional(JsonObject? obj, string key) =>
        obj?[key] is JsonValue v && v.TryGetValue<string>(out var text) && !string.IsNullOrWhiteSpace(text) ? text.Trim()
        : obj?[key] is JsonValue n && n.TryGetValue<int>(out var number) ? number.ToString(System.Globalization.CultureInfo.InvariantCulture)
        : null;

    private static Uri? OptionalUri(JsonObject obj, string key)
    {
        if (Optional(obj, key) is not { } text)
        {
            return null;
        }

        return Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps
            ? uri
            : throw new CloudConfigurationException($"The setting '{key}' must be an absolute https URL, not '{text}'.");
    }
}
