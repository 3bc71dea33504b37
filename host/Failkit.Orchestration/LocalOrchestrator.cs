using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Failkit.Tenancy;
using Microsoft.Extensions.Logging.Abstractions;

namespace Failkit.Orchestration;

/// <summary>The embedded driver: one <c>Failkit.Host</c> child process per tenant, on a free loopback port.
/// Nothing is restarted automatically; an unexpected exit is logged and raised as <see cref="TenantExited"/>, and
/// the tenant's endpoint goes away until it is started again.</summary>
public sealed class LocalOrchestrator : IOrchestrator, IAsyncDisposable
{
    private readonly LocalOrchestratorOptions _options;
    private readonly ILogger _logger;
    private readonly string _hostDll;
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(5) };
    private readonly ConcurrentDictionary<string, TenantProcess> _running = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _gates = new(StringComparer.Ordinal);
    private bool _disposed;

    public LocalOrchestrator(LocalOrchestratorOptions? options = null, ILogger<LocalOrchestrator>? logger = null)
    {
        _options = options ?? new LocalOrchestratorOptions();
        _logger = logger ?? NullLogger<LocalOrchestrator>.Instance;
        _hostDll = HostDllLocator.Find(_options.HostDllPath);
    }

    public event EventHandler<TenantExitedEventArgs>? TenantExited;

    public async Task<Uri> StartTenantAsync(TenantWorkload workload, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(workload);
        ObjectDisposedException.ThrowIf(_disposed, this);
        var slug = TenantSlug.Parse(workload.Slug).Value;
        var gate = _gates.GetOrAdd(slug, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        try
        {
            if (_running.TryGetValue(slug, out var existing) && existing.IsRunning)
            {
                return existing.Endpoint;
            }

            var tenant = TenantProcess.Start(StartInfo(workload, FreeLoopbackPort(), out var endpoint), slug, endpoint);
            tenant.Process.Exited += (_, _) => OnExited(tenant);
            try
            {
                await tenant.WaitHealthyAsync(_http, _options.HealthTimeout, cancellationToken);
            }
            catch
            {
                await tenant.StopAsync(TimeSpan.Zero);
                tenant.Dispose();
                throw;
            }

            _running[slug] = tenant;
            _logger.LogInformation("Tenant {Slug} plane started as pid {Pid} on {Endpoint}", slug, tenant.Process.Id, endpoint);
            return endpoint;
        }
        finally
        {
            gate.Release();
        }
    }

    public async Task StopTenantAsync(string slug, CancellationToken cancellationToken = default)
    {
        var gate = _gates.GetOrAdd(TenantSlug.Parse(slug).Value, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        try
        {
            if (_running.TryRemove(slug, out var tenant))
            {
                await tenant.StopAsync(_options.StopTimeout);
                _logger.LogInformation("Tenant {Slug} plane stopped", slug);
                tenant.Dispose();
            }
        }
        finally
        {
            gate.Release();
        }
    }

    public Task<Uri?> GetEndpointAsync(string slug, CancellationToken cancellationToken = default) =>
        Task.FromResult(_running.TryGetValue(slug, out var tenant) && tenant.IsRunning ? tenant.Endpoint : null);

    /// <summary>The tenant plane's process id, or null when it is not running (for operators and tests).</summary>
    public int? GetProcessId(string slug) =>
        _running.TryGetValue(slug, out var tenant) && tenant.IsRunning ? tenant.Process.Id : null;

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        var all = _running.Values.ToList();
        _running.Clear();
        await Task.WhenAll(all.Select(t => t.StopAsync(_options.StopTimeout)));
        foreach (var tenant in all)
        {
            tenant.Dispose();
        }

        _http.Dispose();
    }

    private ProcessStartInfo StartInfo(TenantWorkload workload, int port, out Uri endpoint)
    {
        endpoint = new Uri($"http://127.0.0.1:{port}/");
        var psi = new ProcessStartInfo(_options.DotnetPath) { WorkingDirectory = Path.GetDirectoryName(_hostDll)! };
        foreach (var arg in new[] { _hostDll, "--urls", $"http://127.0.0.1:{port}" }.Concat(_options.CommonArgs).Concat(workload.HostArgs))
        {
            psi.ArgumentList.Add(arg);
        }

        foreach (var (key, value) in _options.Environment)
        {
            psi.Environment[key] = value;
        }

        // The environment, not the command line: any local user can read another process's argv, but not its environ.
        foreach (var (key, value) in workload.HostSettings)
        {
            psi.Environment[TenantWorkload.EnvironmentName(key)] = value;
        }

        psi.Environment["ConnectionStrings__Failkit"] = workload.ConnectionString;
        psi.Environment["Failkit__Role"] = "tenant";
        psi.Environment["Failkit__Tenant__Slug"] = workload.Slug;
        return psi;
    }

    private void OnExited(TenantProcess tenant)
    {
        if (tenant.StopRequested || !_running.TryRemove(new KeyValuePair<string, TenantProcess>(tenant.Slug, tenant)))
        {
            return;
        }

        var code = tenant.Process.ExitCode;
        _logger.LogError("Tenant {Slug} plane exited unexpectedly with {ExitCode}; it is not restarted", tenant.Slug, code);
        TenantExited?.Invoke(this, new TenantExitedEventArgs(tenant.Slug, code, tenant.OutputTail));
    }

    private static int FreeLoopbackPort()
    {
        // The port is free now; the child binds it moments later. A collision makes the start fail loudly, never
        // share a port, because Kestrel refuses an address in use.
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
