using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Failkit.Drills.Cloud;
using Google.Apis.Auth.OAuth2;

namespace Failkit.Activities.Gcp;

/// <summary>Drills on Google Compute Engine. See <see cref="GcpSettings"/> for the account's keys.</summary>
public sealed class GcpCloudProvider(TimeProvider time) : ICloudProvider
{
    // One handler for the process: sessions are opened per activity, connections should outlive them.
    private static readonly HttpClient Http = new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
    {
        // GcpRest bounds each call itself; an image upload takes as long as the disk is large.
        Timeout = Timeout.InfiniteTimeSpan,
    };

    private readonly ConcurrentDictionary<(Guid Account, string KeyHash), ITokenAccess> _tokens = new();

    public CloudKind Kind => CloudKind.Gcp;

    public void Validate(CloudAccount account)
    {
        var settings = GcpSettings.From(account);
        try
        {
            GcpRest.TokenFor(settings);
        }
        catch (Exception ex)
        {
            // Google.Apis.Auth throws whatever its PKCS#8 decoder meets (NotSupported, Format, Cryptographic...).
            throw new CloudConfigurationException($"secret.private_key is not a usable service-account key: {ex.Message}");
        }
    }

    public ICloudSession Open(CloudAccount account)
    {
        Validate(account);
        var settings = GcpSettings.From(account);
        var calls = CloudCalls.For(account.Id, settings.MaxConcurrency, time);
        // Sessions are opened per activity; sharing the credential shares its cached token, so a big drill does not
        // fetch one per step. The key's hash is in the cache key, so a rotated key is picked up at once.
        var keyHash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(settings.ServiceAccountJson)));
        var token = _tokens.GetOrAdd((account.Id, keyHash), _ => GcpRest.TokenFor(settings));
        return new GcpSession(account, settings, new GcpRest(Http, token, calls, time), time);
    }
}
