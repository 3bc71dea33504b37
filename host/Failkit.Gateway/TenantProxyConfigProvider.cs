using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using Yarp.ReverseProxy.Configuration;

namespace Failkit.Gateway;

/// <summary>Feeds YARP from the route table: one route and one cluster per active tenant, matched on its exact host,
/// plus the management plane on the bare domain. A table change builds a new snapshot and fires the old one's token.</summary>
public sealed class TenantProxyConfigProvider : IProxyConfigProvider, IDisposable
{
    public const string ManagementId = "management";
    private readonly ITenantRouteTable _table;
    private readonly GatewayOptions _options;
    private readonly Lock _gate = new();
    private Snapshot _current;

    public TenantProxyConfigProvider(ITenantRouteTable table, IOptions<GatewayOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _table = table;
        _options = options.Value;
        _current = Build();
        _table.Changed += OnChanged;
    }

    public IProxyConfig GetConfig() => _current;

    public void Dispose()
    {
        _table.Changed -= OnChanged;
        _current.Dispose();
    }

    private void OnChanged(object? sender, EventArgs e)
    {
        Snapshot old;
        lock (_gate)
        {
            old = _current;
            _current = Build();
        }

        old.SignalChanged();
    }

    private Snapshot Build()
    {
        var routes = new List<RouteConfig>();
        var clusters = new List<ClusterConfig>();
        if (_options.ManagementEndpoint is { } management)
        {
            Add(ManagementId, _options.Domain, management);
        }

        foreach (var tenant in _table.Routes.Where(r => r.Status == TenantRouteStatus.Active))
        {
            Add($"tenant-{tenant.Slug}", $"{tenant.Slug}.{_options.Domain}", tenant.Endpoint);
        }

        return new Snapshot(routes, clusters);

        void Add(string id, string host, Uri endpoint)
        {
            routes.Add(new RouteConfig
            {
                RouteId = id,
                ClusterId = id,
                // No wildcard: HostMatcherPolicy then matches this host only (any case, any port), never a subdomain of it.
                Match = new RouteMatch { Hosts = [host], Path = "{**catch-all}" },
            });
            clusters.Add(new ClusterConfig
            {
                ClusterId = id,
                Destinations = new Dictionary<string, DestinationConfig>(StringComparer.Ordinal)
                {
                    ["plane"] = new() { Address = endpoint.AbsoluteUri },
                },
            });
        }
    }

    private sealed class Snapshot(IReadOnlyList<RouteConfig> routes, IReadOnlyList<ClusterConfig> clusters) : IProxyConfig, IDisposable
    {
        private readonly CancellationTokenSource _changed = new();

        public IReadOnlyList<RouteConfig> Routes { get; } = routes;

        public IReadOnlyList<ClusterConfig> Clusters { get; } = clusters;

        public IChangeToken ChangeToken => new CancellationChangeToken(_changed.Token);

        public void SignalChanged() => _changed.Cancel();

        public void Dispose() => _changed.Dispose();
    }
}
