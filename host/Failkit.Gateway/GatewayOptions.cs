namespace Failkit.Gateway;

public sealed class GatewayOptions
{
    /// <summary>The product domain: <c>&lt;slug&gt;.&lt;Domain&gt;</c> is a tenant, <c>&lt;Domain&gt;</c> the management plane.
    /// On a laptop it is <c>localhost</c>, because browsers resolve <c>*.localhost</c> to loopback.</summary>
    public string Domain { get; set; } = "localhost";

    /// <summary>The management plane; null answers the bare domain with 404 like an unknown tenant.</summary>
    public Uri? ManagementEndpoint { get; set; }
}
