using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace Failkit.Host.Tests;

/// <summary>The real host binary as a child process on a tenant database, with the test kit's activities loaded.</summary>
public sealed class HostProcess : IAsyncDisposable
{
    private const string PlaneKey = "host-tests-plane-key";

    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private HostProcess(Process process, Uri url)
    {
        _process = process;
        Url = url;
        Client = new HttpClient { BaseAddress = url, Timeout = TimeSpan.FromSeconds(30) };
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public Uri Url { get; }

    public HttpClient Client { get; }

    public int Pid => _process.Id;

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

    public static async Task<HostProcess> StartAsync(string connectionString)
    {
        var dll = HostBinary.Dll();
        var port = FreePort();
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[]
        {
            dll, "--urls", $"http://127.0.0.1:{port}",
            "--Failkit:ActivityAssemblies:0", Path.Combine(AppContext.BaseDirectory, "Failkit.Activities.TestKit.dll"),
            "--Logging:LogLevel:Default", "Warning",
        })
        {
            psi.ArgumentList.Add(a);
        }

        psi.Environment["ConnectionStrings__Failkit"] = connectionString;
        psi.Environment["Failkit__Management__PlaneKey"] = PlaneKey;
        var host = new HostProcess(Process.Start(psi)!, new Uri($"http://127.0.0.1:{port}/"));
        await host.WaitHealthyAsync();
        await host.AuthorizeAsync();
        return host;
    }

    /// <summary>SIGKILL: no shutdown hook runs, open transactions die with the connection.</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        if (!_process.HasExited)
        {
            Kill();
        }

        await Task.CompletedTask;
        _process.Dispose();
    }

    /// <summary>The workflow API needs a role: the tests act as an admin API client, created the way the management
    /// plane creates embedded mode's demo client (the internal route, with this plane's key).</summary>
    private async Task AuthorizeAsync()
    {
        using var create = new HttpRequestMessage(HttpMethod.Post, "internal/api-clients")
        {
            Content = JsonContent.Create(new { name = "host tests", role = "admin" }),
        };
        create.Headers.Authorization = new AuthenticationHeaderValue("PlaneKey", PlaneKey);
        var created = await (await Client.SendAsync(create)).EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>();
        var token = await Client.PostAsync("connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = created.GetProperty("clientId").GetString()!,
            ["client_secret"] = created.GetProperty("clientSecret").GetString()!,
        }));
        var accessToken = (await token.EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>()).GetProperty("access_token").GetString();
        Client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
    }

    private async Task WaitHealthyAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The host exited with {_process.ExitCode}:\n{Output}");
            }

            try
            {
                if ((await Client.GetAsync("health")).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"The host did not become healthy:\n{Output}");
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.AppendLine(line);
            }
        }
    }

    private static int FreePort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }
}
