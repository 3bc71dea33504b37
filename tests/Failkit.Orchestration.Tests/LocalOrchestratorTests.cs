using System.Diagnostics;
using Failkit.Testing;
using Npgsql;

namespace Failkit.Orchestration.Tests;

/// <summary>The real host binary, one process per tenant, each on a database of its own.</summary>
public sealed class LocalOrchestratorTests : IAsyncLifetime
{
    private readonly LocalOrchestrator _orchestrator = new(Options());
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(10) };

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _orchestrator.DisposeAsync();
    }

    [Fact]
    public async Task TwoTenants_RunAsTwoProcesses_AndStoppingOneLeavesTheOther()
    {
        var (dbA, dbB) = (await TestPostgres.CreateDatabaseAsync("orch"), await TestPostgres.CreateDatabaseAsync("orch"));
        var started = await Task.WhenAll(
            _orchestrator.StartTenantAsync(new TenantWorkload("alpha", dbA)),
            _orchestrator.StartTenantAsync(new TenantWorkload("beta", dbB)));
        var (a, b) = (started[0], started[1]);
        var (pidA, pidB) = (_orchestrator.GetProcessId("alpha")!.Value, _orchestrator.GetProcessId("beta")!.Value);

        Assert.NotEqual(a, b);
        Assert.NotEqual(pidA, pidB);
        Assert.True((await _http.GetAsync(new Uri(a, "health"))).IsSuccessStatusCode);
        Assert.True((await _http.GetAsync(new Uri(b, "health"))).IsSuccessStatusCode);
        Assert.Equal(a, await _orchestrator.StartTenantAsync(new TenantWorkload("alpha", dbA)));
        Assert.Equal(pidA, _orchestrator.GetProcessId("alpha"));

        // argv is world-readable through /proc; the connection string must only be in the environment.
        var argv = await File.ReadAllTextAsync($"/proc/{pidA}/cmdline");
        Assert.DoesNotContain(new NpgsqlConnectionStringBuilder(dbA).Database!, argv, StringComparison.Ordinal);

        var stopping = Stopwatch.StartNew();
        await _orchestrator.StopTenantAsync("alpha");

        // Well under StopTimeout: the plane shut down on SIGTERM, it was not killed.
        Assert.True(stopping.Elapsed < TimeSpan.FromSeconds(60), $"stop took {stopping.Elapsed}");

        Assert.Null(await _orchestrator.GetEndpointAsync("alpha"));
        Assert.True(HasExited(pidA));
        await Assert.ThrowsAnyAsync<HttpRequestException>(() => _http.GetAsync(new Uri(a, "health")));
        Assert.Equal(b, await _orchestrator.GetEndpointAsync("beta"));
        Assert.True((await _http.GetAsync(new Uri(b, "health"))).IsSuccessStatusCode);
    }

    [Fact]
    public async Task UnexpectedExit_IsReported_AndNotRestarted()
    {
        var exited = new TaskCompletionSource<TenantExitedEventArgs>(TaskCreationOptions.RunContinuationsAsynchronously);
        _orchestrator.TenantExited += (_, e) => exited.TrySetResult(e);
        await _orchestrator.StartTenantAsync(new TenantWorkload("gamma", await TestPostgres.CreateDatabaseAsync("orch")));
        var pid = _orchestrator.GetProcessId("gamma")!.Value;

        using (var process = Process.GetProcessById(pid))
        {
            process.Kill();
        }

        var report = await exited.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal("gamma", report.Slug);
        Assert.Null(await _orchestrator.GetEndpointAsync("gamma"));
        Assert.Null(_orchestrator.GetProcessId("gamma"));
    }

    [Fact]
    public async Task PlaneThatCannotStart_FailsTheStart_WithItsOutput()
    {
        var admin = await TestPostgres.AdminConnectionStringAsync();
        var missing = new NpgsqlConnectionStringBuilder(admin) { Database = "no_such_database" }.ConnectionString;

        var error = await Assert.ThrowsAsync<InvalidOperationException>(
            () => _orchestrator.StartTenantAsync(new TenantWorkload("delta", missing)));

        Assert.Contains("delta", error.Message, StringComparison.Ordinal);
        Assert.Null(await _orchestrator.GetEndpointAsync("delta"));
    }

    [Fact]
    public async Task Stop_OfATenantThatIsNotRunning_DoesNothing() => await _orchestrator.StopTenantAsync("never-started");

    private static LocalOrchestratorOptions Options()
    {
        var options = new LocalOrchestratorOptions
        {
            // Generous: CI shares two cores with builds, and a plane migrates its database before it is healthy.
            HealthTimeout = TimeSpan.FromMinutes(3),
            StopTimeout = TimeSpan.FromMinutes(2),
        };
        options.CommonArgs.Add("--Logging:LogLevel:Default");
        options.CommonArgs.Add("Warning");
        return options;
    }

    private static bool HasExited(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return process.HasExited;
        }
        catch (ArgumentException)
        {
            return true;
        }
    }
}
