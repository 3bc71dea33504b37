using System.Collections.Concurrent;
using System.Text.Json;
using Failkit.Workflows.Core;
using Failkit.Workflows.Core.Activities;
using Failkit.Workflows.Core.Model;
using Failkit.Workflows.Runtime;
using Failkit.Workflows.Runtime.Definitions;
using Microsoft.Extensions.DependencyInjection;

namespace Failkit.Testing;

/// <summary>The production registration (<c>AddFailkitWorkflows</c>) with the background worker off, so a test
/// drives the work queue itself, and WriteLine captured.</summary>
public sealed class WorkflowTestHost : IAsyncDisposable
{
    private WorkflowTestHost(ServiceProvider services)
    {
        Services = services;
        Console = services.GetRequiredService<CapturingConsole>();
    }

    public ServiceProvider Services { get; }

    public CapturingConsole Console { get; }

    public WorkflowDefinitionService Definitions => Services.GetRequiredService<WorkflowDefinitionService>();

    public WorkflowRuntime Runtime => Services.GetRequiredService<WorkflowRuntime>();

    public static WorkflowTestHost Create(Action<IServiceCollection>? services = null, Action<WorkflowsBuilder>? workflows = null)
    {
        var sc = new ServiceCollection();
        sc.AddSingleton<CapturingConsole>();
        sc.AddSingleton<IWorkflowConsole>(sp => sp.GetRequiredService<CapturingConsole>());
        services?.Invoke(sc);
        sc.AddFailkitWorkflows(b =>
        {
            b.RunWorker = false;
            // Test activities live in the test assembly, which is the entry assembly under Microsoft.Testing.Platform.
            if (System.Reflection.Assembly.GetEntryAssembly() is { } tests)
            {
                b.AddActivitiesFrom(tests);
            }

            workflows?.Invoke(b);
        });
        return new WorkflowTestHost(sc.BuildServiceProvider());
    }

    /// <summary>Saves and publishes a definition given as Elsa JSON.</summary>
    public async Task<WorkflowDefinition> PublishAsync(string json)
    {
        var model = JsonSerializer.Deserialize<WorkflowDefinition>(json, WorkflowJson.Options)!;
        return (await Definitions.SaveAsync(model, publish: true, CancellationToken.None)).Definition;
    }

    /// <summary>Publishes the definition and starts an instance of it.</summary>
    public async Task<RunResult> RunAsync(string json, IDictionary<string, object?>? input = null, string? correlationId = null)
    {
        var d = await PublishAsync(json);
        return await Runtime.StartAsync(d.DefinitionId, new StartRequest { Input = input, CorrelationId = correlationId }, CancellationToken.None);
    }

    /// <summary>Runs due work items (timers, dispatches, child completions) until none is due.</summary>
    public async Task<int> DrainAsync()
    {
        var n = 0;
        while (await Runtime.ProcessNextAsync(CancellationToken.None))
        {
            n++;
        }

        return n;
    }

    public async ValueTask DisposeAsync() => await Services.DisposeAsync();
}

/// <summary>Collects WriteLine output.</summary>
public sealed class CapturingConsole : IWorkflowConsole
{
    private readonly ConcurrentQueue<string> _lines = new();

    public IReadOnlyList<string> Lines => [.. _lines];

    public void WriteLine(string text) => _lines.Enqueue(text);
}
