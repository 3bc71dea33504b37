using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json.Nodes;

namespace Failkit.Testing;

/// <summary>npm maildev on two free loopback ports: a real SMTP server, read back through its REST API
/// (<c>GET /api/email</c>). Missing, it fails with the command that installs it.</summary>
public sealed class Maildev : IAsyncDisposable
{
    private readonly Process _process;
    private readonly HttpClient _http;

    private Maildev(Process process, int smtpPort, int webPort)
    {
        _process = process;
        SmtpPort = smtpPort;
        WebPort = webPort;
        _http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{webPort}/") };
    }

    public int SmtpPort { get; }

    public int WebPort { get; }

    public static async Task<Maildev> StartAsync()
    {
        var bin = Path.Combine(RepoRoot(), "tests", "emulators", "node_modules", ".bin", "maildev");
        if (!File.Exists(bin))
        {
            throw new InvalidOperationException($"maildev is not installed at {bin}; run: npm ci --prefix tests/emulators");
        }

        var (smtp, web) = (FreePort(), FreePort());
        var info = new ProcessStartInfo(bin) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { "--smtp", smtp.ToString(System.Globalization.CultureInfo.InvariantCulture), "--web", web.ToString(System.Globalization.CultureInfo.InvariantCulture), "--ip", "127.0.0.1", "--silent" })
        {
            info.ArgumentList.Add(arg);
        }

        var process = Process.Start(info)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var maildev = new Maildev(process, smtp, web);
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!(await ListensAsync(smtp) && await ListensAsync(web)))
        {
            if (process.HasExited || DateTime.UtcNow > deadline)
            {
                await maildev.DisposeAsync();
                throw new InvalidOperationException($"maildev did not listen on {smtp}/{web} within 60 s.");
            }

            await Task.Delay(100);
        }

        return maildev;
    }

    /// <summary>Every message maildev holds, as its REST API returns them.</summary>
    public async Task<IReadOnlyList<JsonObject>> EmailsAsync()
    {
        var list = await _http.GetFromJsonAsync<JsonArray>("api/email");
        return list!.OfType<JsonObject>().ToList();
    }

    public async Task<IReadOnlyList<JsonObject>> EmailsAsync(Func<JsonObject, bool> match) => (await EmailsAsync()).Where(match).ToList();

    /// <summary>Waits (briefly, in real time: SMTP delivery is asynchronous on maildev's side) for a message.</summary>
    public async Task<IReadOnlyList<JsonObject>> WaitForEmailsAsync(Func<JsonObject, bool> match, int count = 1)
    {
        for (var i = 0; i < 100; i++)
        {
            var found = (await EmailsAsync()).Where(match).ToList();
            if (found.Count >= count)
            {
                return found;
            }

            await Task.Delay(50);
        }

        return (await EmailsAsync()).Where(match).ToList();
    }

    public async Task<byte[]> AttachmentAsync(string emailId, string fileName) =>
        await _http.GetByteArrayAsync($"api/email/{emailId}/attachment/{Uri.EscapeDataString(fileName)}");

    public static IEnumerable<string> Recipients(JsonObject email) =>
        email["to"]!.AsArray().Select(t => t!["address"]!.GetValue<string>());

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task<bool> ListensAsync(int port)
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Failkit.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"no Failkit.sln above {AppContext.BaseDirectory}");
    }
}
