using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using Failkit.Testing;

namespace Failkit.OperatorConsole.Tests;

/// <summary>The real host binary in the management role as a child process, started the way
/// Failkit.Host.Tests starts it: its own database on the test cluster, the gateway on a free public port (the console is
/// reached through it, at <c>http://localhost:port/console</c>), and the embedded demo tenant onboarded at start.</summary>
public sealed class ConsolePlane : IAsyncLifetime
{
    private readonly StringBuilder _output = new();
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Process? _process;
    private string _state = "";

    public int PublicPort { get; } = FreePort();

    /// <summary>The gateway under the management domain.</summary>
    public Uri Url => new($"http://localhost:{PublicPort}/");

    public string DemoSlug { get; } = ("cdemo" + Guid.NewGuid().ToString("N"))[..12];

    /// <summary>The platform-operator client embedded mode seeds (what <c>./failkit up</c> prints).</summary>
    public (string Id, string Secret) Operator
    {
        get
        {
            var platform = JsonNode.Parse(File.ReadAllText(Path.Combine(_state, "embedded.json")))!["platform"]!;
            return (platform["clientId"]!.GetValue<string>(), platform["clientSecret"]!.GetValue<string>());
        }
    }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public async ValueTask InitializeAsync()
    {
        _state = Path.Combine(Path.GetTempPath(), "failkit-console-tests", Guid.NewGuid().ToString("N"));
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[]
        {
            HostDll(), "--Failkit:Role", "management", "--urls", $"http://localhost:{PublicPort}",
            "--Failkit:Management:InternalUrl", $"http://127.0.0.1:{FreePort()}",
            "--Failkit:Management:AgentUrl", $"https://127.0.0.1:{FreePort()}",
            "--Failkit:StateDirectory", _state,
            "--Failkit:Embedded:Demo", "true", "--Failkit:Embedded:DemoTenant", DemoSlug, "--Failkit:Embedded:DemoDrill", "false",
            "--Logging:LogLevel:Default", "Warning", "--Failkit:TenantPlane:Logging:LogLevel:Default", "Warning",
        })
        {
            psi.ArgumentList.Add(a);
        }

        psi.Environment["ConnectionStrings__Failkit"] = await TestPostgres.CreateDatabaseAsync("console");
        psi.Environment["ConnectionStrings__FailkitAdmin"] = await TestPostgres.AdminConnectionStringAsync();
        _process = Process.Start(psi)!;
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        var exited = _process.WaitForExitAsync();
        var done = await Task.WhenAny(_ready.Task, exited, Task.Delay(TimeSpan.FromSeconds(240)));
        if (done != _ready.Task)
        {
            throw new InvalidOperationException($"The management plane {(done == exited ? $"exited with {_process.ExitCode}" : "was not ready in time")}:\n{Output}");
        }
    }

    /// <summary>A platform API call with the operator client's token, as a script would make it.</summary>
    public async Task<HttpResponseMessage> ApiAsync(HttpMethod method, string path, object? body = null)
    {
        using var http = new HttpClient { BaseAddress = Url, Timeout = TimeSpan.FromSeconds(60) };
        var (id, secret) = Operator;
        using var tokenResponse = await http.PostAsync(new Uri("connect/token", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = id,
            ["client_secret"] = secret,
        }));
        var token = (await tokenResponse.EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonObject>())!["access_token"]!.GetValue<string>();
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative)) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await http.SendAsync(request);
    }

    /// <summary>SIGTERM, so the management plane stops its tenant planes before it exits.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_process is null)
        {
            return;
        }

        if (!_process.HasExited)
        {
            using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            {
                await kill.WaitForExitAsync();
            }

            using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            try
            {
                await _process.WaitForExitAsync(grace.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
            }
        }

        _process.Dispose();
        try
        {
            Directory.Delete(_state, recursive: true);
        }
        catch (IOException)
        {
            // A tenant plane's last log write can race the delete; the temp folder is cleaned by the system later.
        }
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }

        if (line.StartsWith("Failkit is ready: ", StringComparison.Ordinal))
        {
            _ready.TrySetResult();
        }
    }

    /// <summary>The host built next to this project (same configuration), as Failkit.Host.Tests finds it.</summary>
    private static string HostDll()
    {
        var config = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "host", "Failkit.Host", "bin", config, "net10.0", "Failkit.Host.dll");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException($"Failkit.Host.dll ({config}) was not found; build it first (dotnet build -c {config}).");
    }

    private static int FreePort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }
}
