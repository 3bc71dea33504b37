using System.Collections.Concurrent;
using Failkit.Activities.Gcp;
using Failkit.Drills.Cloud;
using Google.Apis.Auth.OAuth2;

namespace Failkit.Drills.Tests.Fixtures;

/// <summary>Sessions of the real <see cref="GcpSession"/> built as <see cref="GcpCloudProvider"/> builds them, with two
/// test settings: raw disks padded to 1 MiB instead of GCE's whole GiB (a gigabyte of zeros per VM would be gzipped
/// and held by the fake), and millisecond backoff.</summary>
internal sealed class FastGcpCloud(long rawDiskGranularity) : ICloudProvider, IDisposable
{
    private readonly HttpClient _http = new() { Timeout = Timeout.InfiniteTimeSpan };
    private readonly GcpCloudProvider _checks = new(TimeProvider.System);
    private readonly ConcurrentDictionary<Guid, CloudCalls> _calls = new();
    private readonly ConcurrentDictionary<Guid, ITokenAccess> _tokens = new();

    public CloudKind Kind => CloudKind.Gcp;

    public void Validate(CloudAccount account) => _checks.Validate(account);

    public ICloudSession Open(CloudAccount account)
    {
        Validate(account);
        var settings = GcpSettings.From(account);
        var calls = _calls.GetOrAdd(account.Id, _ => ProviderSwap.FastCalls());
        var token = _tokens.GetOrAdd(account.Id, _ => GcpRest.TokenFor(settings));
        return new GcpSession(account, settings, new GcpRest(_http, token, calls, TimeProvider.System), TimeProvider.System,
            new GcpSessionOptions(rawDiskGranularity));
    }

    public void Dispose()
    {
        _http.Dispose();
        foreach (var calls in _calls.Values)
        {
            calls.Dispose();
        }
    }
}
