using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Failkit.Agent.Tests.Fixtures;

/// <summary>A node-based emulator on a free loopback port, stopped with the fixture.</summary>
public sealed class EmulatorProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringWriter _log = new();

    private EmulatorProcess(Process process, int port)
    {
        _process = process;
        Port = port;
    }

    public int Port { get; }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public static async Task<EmulatorProcess> StartAsync(string bin, Func<int, string[]> args, IReadOnlyDictionary<string, string>? environment = null)
    {
        var port = FreePort();
        var info = new ProcessStartInfo(bin) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args(port))
        {
            info.ArgumentList.Add(arg);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[name] = value;
        }

        var emulator = new EmulatorProcess(Process.Start(info)!, port);
        emulator._process.OutputDataReceived += (_, e) => emulator.Log(e.Data);
        emulator._process.ErrorDataReceived += (_, e) => emulator.Log(e.Data);
        emulator._process.BeginOutputReadLine();
        emulator._process.BeginErrorReadLine();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            Assert.False(emulator._process.HasExited, $"{bin} exited early: {emulator._log}");
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port);
                return emulator;
            }
            catch (SocketException)
            {
                await Task.Delay(100);
            }
        }

        await emulator.DisposeAsync();
        throw new TimeoutException($"{bin} did not listen on {port} within 60 s: {emulator._log}");
    }

    private void Log(string? line)
    {
        if (line is not null)
        {
            lock (_log)
            {
                _log.WriteLine(line);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        await _log.DisposeAsync();
    }
}
