using System.Net.Http.Headers;
using System.Net.Http.Json;
using Failkit.Testing;

namespace Failkit.OperatorConsole.Tests;

/// <summary>The real host binary in the management role (<see cref="ManagementProcess"/>, as Failkit.Host.Tests starts
/// it), with the embedded demo tenant onboarded at start. The console is reached through the gateway on the management
/// domain, at <c>http://localhost:port/console</c>.</summary>
public sealed class ConsolePlane : IAsyncLifetime
{
    private ManagementProcess? _process;

    public int PublicPort => Process.Config.PublicPort;

    /// <summary>The gateway under the management domain.</summary>
    public Uri Url => new($"http://localhost:{PublicPort}/");

    public string DemoSlug => Process.Config.DemoSlug;

    public ManagementProcess Process => _process ?? throw new InvalidOperationException("The management plane has not started.");

    public (string Id, string Secret) Operator => Process.Operator;

    public async ValueTask InitializeAsync() =>
        _process = await ManagementProcess.StartAsync(await ManagementProcess.NewSettingsAsync(("cdemo" + Guid.NewGuid().ToString("N"))[..12]));

    /// <summary>A platform API call with the operator client's token, as a script would make it.</summary>
    public async Task<HttpResponseMessage> ApiAsync(HttpMethod method, string path, object? body = null)
    {
        using var http = new HttpClient { BaseAddress = Url, Timeout = TimeSpan.FromSeconds(60) };
        var token = await Process.OperatorTokenAsync();
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative)) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await http.SendAsync(request);
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is null)
        {
            return;
        }

        await _process.DisposeAsync();
        try
        {
            Directory.Delete(_process.Config.StateDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A tenant plane's last log write can race the delete; the temp folder is cleaned by the system later.
        }
    }
}
