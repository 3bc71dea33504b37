using System.Text.Json;
using Failkit.Host.Embedded;
using Failkit.Workflows.Core;
using Failkit.Workflows.Runtime;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Failkit.Host.Hosting;

/// <summary>When the host is up: optionally runs the built-in example workflow, writes what scripts need to
/// <c>.failkit/embedded.json</c>, says where to look next, and ends start-up with the single ready line.</summary>
public sealed class StartupReport(
    IServer server, IHostApplicationLifetime lifetime, IConfiguration config, EmbeddedDatabase database, WorkflowRuntime runtime) : IHostedService
{
    public const string ExampleDefinitionId = "failkit-example";

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStarted.Register(() => _ = Task.Run(ReportAsync, CancellationToken.None));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task ReportAsync()
    {
        var url = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()?.TrimEnd('/') ?? "http://localhost";
        if (config.GetValue("Failkit:RunExample", false))
        {
            await RunExampleAsync(url);
        }

        var stateFile = config["Failkit:StateFile"];
        if (!string.IsNullOrEmpty(stateFile))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(stateFile))!);
            var state = new { url, elsaApi = url + "/elsa/api", database = new { embedded = database.IsEmbedded, dataDirectory = database.DataDirectory } };
            await File.WriteAllTextAsync(stateFile, JsonSerializer.Serialize(state, Indented));
        }

        System.Console.WriteLine($"  Studio:         {url}/studio");
        System.Console.WriteLine($"  Workflow API:   {url}/elsa/api/workflow-definitions");
        System.Console.WriteLine($"  Instances:      POST {url}/elsa/api/workflow-instances");
        System.Console.WriteLine($"  Health:         {url}/health");
        System.Console.WriteLine($"Failkit is ready: {url}");
    }

    private async Task RunExampleAsync(string url)
    {
        var started = TimeProvider.System.GetTimestamp();
        var run = await runtime.StartAsync(ExampleDefinitionId, new StartRequest { CorrelationId = "failkit-up" }, lifetime.ApplicationStopping);
        var state = run.State;
        for (var i = 0; i < 100 && state.Status != WorkflowStatus.Finished; i++)
        {
            await Task.Delay(100, lifetime.ApplicationStopping);
            state = await runtime.GetAsync(run.InstanceId, lifetime.ApplicationStopping) ?? state;
        }

        var elapsed = TimeProvider.System.GetElapsedTime(started);
        System.Console.WriteLine($"Example workflow '{ExampleDefinitionId}' {state.SubStatus.ToString().ToLowerInvariant()} in {elapsed.TotalMilliseconds:F0} ms (instance {run.InstanceId}).");
        System.Console.WriteLine($"  Its journal:    {url}/elsa/api/workflow-instances/{run.InstanceId}/journal");
    }
}
