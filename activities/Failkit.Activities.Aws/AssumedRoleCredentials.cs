using Amazon.Runtime;
using Amazon.SecurityToken;
using Amazon.SecurityToken.Model;

namespace Failkit.Activities.Aws;

/// <summary>The customer's role, assumed with the account's external id and refreshed before it expires, so a drill
/// that outlives one STS session keeps signing. Failkit's own identity (the platform credentials) only ever calls STS.</summary>
internal sealed class AssumedRoleCredentials(IAmazonSecurityTokenService sts, string roleArn, string externalId, string sessionName)
    : RefreshingAWSCredentials
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromHours(1);

    protected override CredentialsRefreshState GenerateNewCredentials() =>
        GenerateNewCredentialsAsync().GetAwaiter().GetResult();

    protected override async Task<CredentialsRefreshState> GenerateNewCredentialsAsync()
    {
        var response = await sts.AssumeRoleAsync(new AssumeRoleRequest
        {
            RoleArn = roleArn,
            ExternalId = externalId,
            RoleSessionName = sessionName,
            DurationSeconds = (int)Lifetime.TotalSeconds,
        });
        var c = response.Credentials;
        return new CredentialsRefreshState(
            new ImmutableCredentials(c.AccessKeyId, c.SecretAccessKey, c.SessionToken),
            c.Expiration ?? DateTime.UtcNow.Add(Lifetime));
    }
}
