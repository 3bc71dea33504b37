using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Failkit.Tenancy.Bench;

/// <summary>The management plane as a child process on a fresh embedded cluster, and the calls a tenant's first day
/// makes: create the tenant through the platform API, open the bootstrap link, create the owner, sign in.</summary>
public sealed partial class Platform : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _state;
    private readonly int _port;
    private readonly Dictionary<string, TaskCompletionSource<string>> _links = [];
    private readonly HttpClient _http = new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { Timeout = TimeSpan.FromMinutes(3) };
    private string? _pendingSlug;
    private string _token = "";

    private Platform(Process process, string state, int port)
    {
        _process = process;
        _state = state;
        _port = port;
    }

    public int ProcessId => _process.Id;

    public static async Task<Platform> StartAsync(string root)
    {
        var dll = Path.Combine(root, "host/Failkit.Host/bin/Release/net10.0/Failkit.Host.dll");
        if (!File.Exists(dll))
        {
            throw new InvalidOperationException($"{dll} is missing: run `dotnet build host/Failkit.Host -c Release` from the repository root first.");
        }

        var state = Path.Combine(Path.GetTempPath(), "failkit-tenancy-bench", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(state);
        var port = FreePort();
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[]
        {
            dll, "--Failkit:Role", "management", "--urls", $"http://localhost:{port}", "--contentRoot", root,
            "--Failkit:Management:AgentUrl", $"https://127.0.0.1:{FreePort()}",
            "--Failkit:StateDirectory", state, "--Failkit:DataDirectory", Path.Combine(state, "pgdata"),
            "--Logging:LogLevel:Default", "Warning", "--Failkit:TenantPlane:Logging:LogLevel:Default", "Warning",
        })
        {
            psi.ArgumentList.Add(a);
        }

        var platform = new Platform(Process.Start(psi)!, state, port);
        var ready = new TaskCompletionSource();
        platform._process.OutputDataReceived += (_, e) => platform.Read(e.Data, ready);
        platform._process.ErrorDataReceived += (_, e) => { };
        platform._process.BeginOutputReadLine();
        platform._process.BeginErrorReadLine();
        await ready.Task.WaitAsync(TimeSpan.FromMinutes(5));
        var json = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(state, "embedded.json")))!["platform"]!;
        platform._token = await platform.PlatformTokenAsync(json["clientId"]!.GetValue<string>(), json["clientSecret"]!.GetValue<string>());
        return platform;
    }

    public async Task OnboardAndLogInAsync(string slug)
    {
        var link = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_links)
        {
            _links[slug] = link;
        }

        using var create = Request(HttpMethod.Post, "localhost", "/platform/tenants");
        create.Headers.Authorization = new("Bearer", _token);
        create.Content = System.Net.Http.Json.JsonContent.Create(new { slug, tier = "Professional", contactEmail = $"owner@{slug}.example" });
        using var created = await _http.SendAsync(create);
        Expect(created, HttpStatusCode.Accepted, "create tenant");
        var bootstrap = new Uri(await link.Task.WaitAsync(TimeSpan.FromMinutes(3)));
        var host = $"{slug}.localhost";
        var email = $"owner@{slug}.example";
        const string password = "correct horse battery staple";
        var session = new Session(this, host);
        await session.SubmitAsync(bootstrap.PathAndQuery, "/bootstrap",
            [new("token", Uri.UnescapeDataString(bootstrap.Query["?token=".Length..])), new("email", email), new("password", password)]);
        var login = new Session(this, host);
        await login.SubmitAsync("/login", "/login", [new("email", email), new("password", password)]);
        using var home = await login.GetAsync("/");
        var page = await home.Content.ReadAsStringAsync();
        if (home.StatusCode != HttpStatusCode.OK || !page.Contains(email, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"{slug}: the signed-in home page did not show the owner ({home.StatusCode}).");
        }
    }

    internal HttpRequestMessage Request(HttpMethod method, string host, string pathAndQuery)
    {
        var request = new HttpRequestMessage(method, new Uri($"http://127.0.0.1:{_port}{pathAndQuery}"));
        request.Headers.Host = $"{host}:{_port}";
        return request;
    }

    internal Task<HttpResponseMessage> SendAsync(HttpRequestMessage request) => _http.SendAsync(request);

    internal static void Expect(HttpResponseMessage response, HttpStatusCode status, string what)
    {
        if (response.StatusCode != status)
        {
            throw new InvalidOperationException($"{what}: {(int)response.StatusCode} {response.ReasonPhrase}, expected {(int)status}");
        }
    }

    private async Task<string> PlatformTokenAsync(string id, string secret)
    {
        using var request = Request(HttpMethod.Post, "localhost", "/connect/token");
        request.Content = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials", ["client_id"] = id, ["client_secret"] = secret,
        });
        using var response = await _http.SendAsync(request);
        Expect(response, HttpStatusCode.OK, "platform token");
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!["access_token"]!.GetValue<string>();
    }

    private void Read(string? line, TaskCompletionSource ready)
    {
        if (line is null)
        {
            return;
        }

        if (line.StartsWith("Failkit is ready:", StringComparison.Ordinal))
        {
            ready.TrySetResult();
        }

        if (LinkHeader().Match(line) is { Success: true } header)
        {
            _pendingSlug = header.Groups[1].Value;
        }
        else if (_pendingSlug is { } slug && line.TrimStart().StartsWith("http", StringComparison.Ordinal))
        {
            lock (_links)
            {
                if (_links.TryGetValue(slug, out var link))
                {
                    link.TrySetResult(line.Trim());
                }
            }

            _pendingSlug = null;
        }
    }

    /// <summary>Tenant planes are the management process's children: their resident and peak memory from /proc.</summary>
    public static IEnumerable<(int Pid, long RssBytes, long PeakBytes)> TenantPlaneMemory(int managementPid)
    {
        foreach (var dir in Directory.EnumerateDirectories("/proc").Where(d => int.TryParse(Path.GetFileName(d), out _)))
        {
            string status;
            try
            {
                status = File.ReadAllText(Path.Combine(dir, "status"));
            }
            catch (IOException)
            {
                continue;
            }
            catch (UnauthorizedAccessException)
            {
                continue;
            }

            if (Field(status, "PPid") == managementPid && File.ReadAllText(Path.Combine(dir, "cmdline")).Contains("Failkit.Host.dll", StringComparison.Ordinal))
            {
                yield return (int.Parse(Path.GetFileName(dir), CultureInfo.InvariantCulture), Field(status, "VmRSS") * 1024, Field(status, "VmHWM") * 1024);
            }
        }
    }

    public static long MachineMemoryBytes() => Field(File.ReadAllText("/proc/meminfo"), "MemTotal") * 1024;

    private static long Field(string text, string name) =>
        long.Parse(Regex.Match(text, $@"^{name}:\s+(\d+)", RegexOptions.Multiline).Groups[1].Value, CultureInfo.InvariantCulture);

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        if (!_process.HasExited)
        {
            using (var term = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]))
            {
                await term.WaitForExitAsync();
            }

            using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(60));
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

    [GeneratedRegex(@"^Owner bootstrap link for '([a-z0-9-]+)'")]
    private static partial Regex LinkHeader();
}
