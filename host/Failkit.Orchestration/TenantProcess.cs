using System.Diagnostics;

namespace Failkit.Orchestration;

/// <summary>One running tenant plane: the child process, its endpoint and the tail of its output.</summary>
internal sealed class TenantProcess : IDisposable
{
    private const int TailLines = 200;
    private readonly Queue<string> _tail = new();

    private TenantProcess(string slug, Process process, Uri endpoint)
    {
        Slug = slug;
        Process = process;
        Endpoint = endpoint;
    }

    public string Slug { get; }

    public Process Process { get; }

    public Uri Endpoint { get; }

    /// <summary>Set before a requested stop, so the exit it causes is not reported as a crash.</summary>
    public bool StopRequested { get; set; }

    public bool IsRunning
    {
        get
        {
            try
            {
                return !Process.HasExited;
            }
            catch (InvalidOperationException)
            {
                return false;
            }
        }
    }

    public string OutputTail
    {
        get
        {
            lock (_tail)
            {
                return string.Join(System.Environment.NewLine, _tail);
            }
        }
    }

    public static TenantProcess Start(ProcessStartInfo startInfo, string slug, Uri endpoint)
    {
        startInfo.RedirectStandardOutput = true;
        startInfo.RedirectStandardError = true;
        startInfo.UseShellExecute = false;
        var process = new Process { StartInfo = startInfo, EnableRaisingEvents = true };
        var tenant = new TenantProcess(slug, process, endpoint);
        process.OutputDataReceived += (_, e) => tenant.Append(e.Data);
        process.ErrorDataReceived += (_, e) => tenant.Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return tenant;
    }

    public async Task WaitHealthyAsync(HttpClient http, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var health = new Uri(Endpoint, "health");
        var started = Stopwatch.GetTimestamp();
        while (Stopwatch.GetElapsedTime(started) < timeout)
        {
            if (!IsRunning)
            {
                throw new InvalidOperationException(
                    $"The plane of tenant '{Slug}' exited with {Process.ExitCode} before it was healthy:\n{OutputTail}");
            }

            try
            {
                using var response = await http.GetAsync(health, cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet: the host migrates its database before Kestrel binds.
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // One slow answer (a loaded machine, a plane still warming up) is not a failure; the overall timeout is.
            }

            await Task.Delay(200, cancellationToken);
        }

        throw new TimeoutException($"The plane of tenant '{Slug}' was not healthy within {timeout}:\n{OutputTail}");
    }

    /// <summary>SIGTERM, then SIGKILL once <paramref name="timeout"/> has passed.</summary>
    public async Task StopAsync(TimeSpan timeout)
    {
        StopRequested = true;
        if (!IsRunning)
        {
            return;
        }

        if (NativeSignals.TryTerminate(Process.Id))
        {
            using var grace = new CancellationTokenSource(timeout);
            try
            {
                await Process.WaitForExitAsync(grace.Token);
                return;
            }
            catch (OperationCanceledException)
            {
                // It ignored SIGTERM for too long; fall through to the kill.
            }
        }

        if (IsRunning)
        {
            Process.Kill(entireProcessTree: true);
        }

        await Process.WaitForExitAsync(CancellationToken.None);
    }

    public void Dispose() => Process.Dispose();

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_tail)
        {
            _tail.Enqueue(line);
            if (_tail.Count > TailLines)
            {
                _tail.Dequeue();
            }
        }
    }
}
