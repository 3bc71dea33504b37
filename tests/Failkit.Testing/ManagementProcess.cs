using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;

namespace Failkit.Testing;

/// <summary>The real host binary in the management role, as a child process: its own database on the test cluster,
/// the cluster's superuser as the provisioning admin, the gateway on a free public port and the management endpoints on
/// a free loopback port, and the embedded demo tenant onboarded at start (its plane a grandchild process).</summary>
public sealed class ManagementProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ManagementProcess(Process process, Settings settings)
    {
        _process = process;
        Config = settings;
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public sealed record Settings(string ConnectionString, string Admin, string StateDirectory, int PublicPort, int InternalPort, string DemoSlug, bool DemoDrill = false);

    public Settings Config { get; }

    /// <summary>The gateway, as <c>http://127.0.0.1:port</c>; pick the plane with the Host header.</summary>
    public Uri Gateway => new($"http://127.0.0.1:{Config.PublicPort}/");

    public Uri Internal => new($"http://127.0.0.1:{Config.InternalPort}/");

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

    public JsonObject State => JsonNode.Parse(File.ReadAllText(Path.Combine(Config.StateDirectory, "embedded.json")))!.AsObject();

    /// <summary>The platform-operator client embedded mode seeds (what <c>./failkit up</c> prints).</summary>
    public (string Id, string Secret) Operator
    {
        get
        {
            var platform = State["platform"]!;
            return (platform["clientId"]!.GetValue<string>(), platform["clientSecret"]!.GetValue<string>());
        }
    }

    /// <summary>A client-credentials token from the gateway's token endpoint on the management domain.</summary>
    public async Task<string> TokenAsync(string clientId, string secret)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(Gateway, "connect/token"))
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "client_credentials",
                ["client_id"] = clientId,
                ["client_secret"] = secret,
            }),
        };
        request.Headers.Host = $"localhost:{Config.PublicPort}";
        using var response = await http.SendAsync(request);
        var body = await response.Content.ReadFromJsonAsync<JsonObject>();
        return body?["access_token"]?.GetValue<string>() ?? throw new InvalidOperationException($"no token: {response.StatusCode} {body}");
    }

    public Task<string> OperatorTokenAsync() => TokenAsync(Operator.Id, Operator.Secret);

    public static async Task<Settings> NewSettingsAsync(string demoSlug) => new(
        await TestPostgres.CreateDatabaseAsync("mgmt"),
        await TestPostgres.AdminConnectionStringAsync(),
        Path.Combine(Path.GetTempPath(), "failkit-mgmt-host-tests", Guid.NewGuid().ToString("N")),
        FreePort(),
        FreePort(),
        demoSlug);

    public static async Task<ManagementProcess> StartAsync(Settings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[]
        {
            HostBinary.Dll(), "--Failkit:Role", "management", "--urls", $"http://localhost:{settings.PublicPort}",
            "--Failkit:Management:InternalUrl", $"http://127.0.0.1:{settings.InternalPort}",
            "--Failkit:Management:AgentUrl", $"https://127.0.0.1:{FreePort()}",
            "--Failkit:StateDirectory", settings.StateDirectory,
            "--Failkit:Embedded:Demo", "true", "--Failkit:Embedded:DemoTenant", settings.DemoSlug,
            "--Failkit:Embedded:DemoDrill", settings.DemoDrill ? "true" : "false",
            "--Logging:LogLevel:Default", "Warning", "--Failkit:TenantPlane:Logging:LogLevel:Default", "Warning",
        })
        {
            psi.ArgumentList.Add(a);
        }

        psi.Environment["ConnectionStrings__Failkit"] = settings.ConnectionString;
        psi.Environment["ConnectionStrings__FailkitAdmin"] = settings.Admin;
        var host = new ManagementProcess(Process.Start(psi)!, settings);
        await host.WaitReadyAsync(TimeSpan.FromSeconds(180));
        return host;
    }

    /// <summary>SIGTERM, so the management plane stops its tenant planes before it exits.</summary>
    public async ValueTask DisposeAsync()
    {
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
    }

    private async Task WaitReadyAsync(TimeSpan timeout)
    {
        var exited = _process.WaitForExitAsync();
        var done = await Task.WhenAny(_ready.Task, exited, Task.Delay(timeout));
        if (done != _ready.Task)
        {
            throw new InvalidOperationException(
                $"The management plane {(done == exited ? $"exited with {_process.ExitCode}" : "was not ready in time")}:\n{Output}");
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

    private static int FreePort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }
}
