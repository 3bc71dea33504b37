namespace Failkit.Agent.Tests.Fixtures;

/// <summary>
/// The agent reads cloud secrets from the environment, as in production. These values are the same
/// for every test (s3rver's fixed keys, tokens the fakes accept), so setting them once is safe in parallel.
/// </summary>
public static class TestEnvironment
{
    public const string KeyVaultToken = "test-keyvault-token";
    public const string GcpToken = "test-gcp-token";

    private static readonly Lazy<bool> Done = new(() =>
    {
        Environment.SetEnvironmentVariable("AWS_ACCESS_KEY_ID", "S3RVER");
        Environment.SetEnvironmentVariable("AWS_SECRET_ACCESS_KEY", "S3RVER");
        Environment.SetEnvironmentVariable("AWS_REGION", "us-east-1");
        Environment.SetEnvironmentVariable("AWS_EC2_METADATA_DISABLED", "true");
        Environment.SetEnvironmentVariable("AZURE_KEYVAULT_TOKEN", KeyVaultToken);
        Environment.SetEnvironmentVariable("GOOGLE_OAUTH_ACCESS_TOKEN", GcpToken);
        return true;
    });

    public static void Ensure() => _ = Done.Value;
}
