namespace Failkit.Agent.Crypto;

/// <summary>Builds the wrapper named by a disk's --kms setting.</summary>
public static class KeyWrappers
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>kms is "local:&lt;file&gt;", "aws-kms:&lt;key id|arn|alias&gt;", "azure-kv:&lt;key url&gt;" or "gcp-kms:&lt;key resource name&gt;".</summary>
    public static IKeyWrapper Create(string kms, string? endpoint, string? region)
    {
        var colon = kms.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || colon == kms.Length - 1)
        {
            throw new AgentException($"--kms '{kms}' must be local:<file>, aws-kms:<key>, azure-kv:<key url> or gcp-kms:<key name>");
        }

        var value = kms[(colon + 1)..];
        return kms[..colon] switch
        {
            "local" => new LocalKeyFileWrapper(value),
            "aws-kms" => new AwsKmsWrapper(value, endpoint, region),
            "azure-kv" => new AzureKeyVaultWrapper(value, Http),
            "gcp-kms" => new GcpKmsWrapper(value, new Uri((endpoint ?? "https://cloudkms.googleapis.com").TrimEnd('/') + "/"), Http),
            var other => throw new AgentException($"unknown KMS provider '{other}' (use local, aws-kms, azure-kv or gcp-kms)"),
        };
    }
}
