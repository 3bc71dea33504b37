using Failkit.Tenancy;

namespace Failkit.Management.Reports;

/// <summary>The key the management plane presents to one tenant plane's internal routes
/// (docs/decisions/planes-internal-api.md).</summary>
public interface IPlaneKeyProvider
{
    ValueTask<string> KeyForAsync(string slug, CancellationToken ct = default);
}

/// <summary>Derives plane keys from the management secret. Where the secret lives (Data Protection in the
/// management database) is the management plane's business; this only needs its bytes.</summary>
public sealed class PlaneKeyProvider : IPlaneKeyProvider
{
    private readonly byte[] _secret;

    public PlaneKeyProvider(ReadOnlySpan<byte> managementSecret)
    {
        if (managementSecret.Length < 32)
        {
            throw new ArgumentException("The management secret must be at least 32 bytes.", nameof(managementSecret));
        }

        _secret = managementSecret.ToArray();
    }

    public ValueTask<string> KeyForAsync(string slug, CancellationToken ct = default) =>
        ValueTask.FromResult(PlaneKeys.Derive(_secret, Failkit.Tenancy.TenantSlug.Parse(slug)));
}
