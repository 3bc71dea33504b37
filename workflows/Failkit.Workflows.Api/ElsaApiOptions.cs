namespace Failkit.Workflows.Api;

/// <summary>Settings of the Elsa-compatible API.</summary>
public sealed class ElsaApiOptions
{
    /// <summary>4 MiB: a large definition is well under 1 MiB, so anything bigger is a mistake or an attack.</summary>
    public const long DefaultMaxRequestBodySize = 4 * 1024 * 1024;

    /// <summary>Request bodies over this many bytes get 413.</summary>
    public long MaxRequestBodySize { get; set; } = DefaultMaxRequestBodySize;
}
