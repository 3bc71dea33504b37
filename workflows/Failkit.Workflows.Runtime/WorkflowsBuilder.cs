using System.Reflection;
using Failkit.Workflows.Core;
using Failkit.Workflows.Core.Serialization;
using Failkit.Workflows.Runtime.Definitions;
using Failkit.Workflows.Runtime.InMemory;
using Failkit.Workflows.Runtime.Scheduling;
using Failkit.Workflows.Runtime.Stores;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Failkit.Workflows.Runtime;

/// <summary>Registers the workflow system. Activity assemblies named <c>Failkit.Activities.*</c> next to the
/// application are scanned automatically, so adding an activity class needs no registration.</summary>
public sealed class WorkflowsBuilder(IServiceCollection services)
{
    private readonly List<Assembly> _assemblies = [];
    private readonly HashSet<string> _excluded = new(StringComparer.Ordinal);

    public IServiceCollection Services { get; } = services;

    public RuntimeOptions Options { get; } = new();

    public bool RunWorker { get; set; } = true;

    /// <summary>Run the Quartz trigger scheduler (cron and timer triggers of published definitions).</summary>
    public bool RunTriggers { get; set; } = true;

    public TriggerSchedulerOptions Triggers { get; } = new();

    public WorkflowsBuilder AddActivitiesFrom(Assembly assembly)
    {
        _assemblies.Add(assembly);
        return this;
    }

    /// <summary>Keeps an activity assembly that sits next to the application out of the registry: one binary serves
    /// several roles, and a role must neither run nor offer activities whose services only another role has.</summary>
    public WorkflowsBuilder ExcludeActivitiesFrom(string assemblyName)
    {
        _excluded.Add(assemblyName);
        return this;
    }

    internal IEnumerable<Assembly> ActivityAssemblies() =>
        _assemblies.Concat(DiscoverNextToApp()).Distinct().Where(a => !_excluded.Contains(a.GetName().Name ?? ""));

    private IEnumerable<Assembly> DiscoverNextToApp()
    {
        foreach (var file in Directory.EnumerateFiles(AppContext.BaseDirectory, "Failkit.Activities.*.dll")
            .Where(f => !_excluded.Contains(Path.GetFileNameWithoutExtension(f))))
        {
            yield return Assembly.Load(AssemblyName.GetAssemblyName(file));
        }
    }
}

public static class WorkflowServiceCollectionExtensions
{
    public static IServiceCollection AddFailkitWorkflows(this IServiceCollection services, Action<WorkflowsBuilder>? configure = null)
    {
        var builder = new WorkflowsBuilder(services);
        configure?.Invoke(builder);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(builder.Options);
        services.AddSingleton(_ => new ActivityRegistry(builder.ActivityAssemblies()));
        services.AddSingleton<WorkflowMaterializer>();
        services.AddSingleton<WorkflowGraphCache>();
        services.AddSingleton<WorkflowDefinitionService>();
        services.AddSingleton<WorkflowRuntime>();
        services.AddSingleton<IChildWorkflowInvoker, ChildWorkflowInvoker>();
        services.TryAddSingleton<IWorkflowDefinitionStore, InMemoryWorkflowDefinitionStore>();
        services.TryAddSingleton<IWorkflowInstanceStore, InMemoryWorkflowInstanceStore>();
        services.AddSingleton(builder.Triggers);
        services.AddSingleton<TriggerScheduler>();
        if (builder.RunTriggers)
        {
            services.AddHostedService(sp => sp.GetRequiredService<TriggerScheduler>());
        }

        if (builder.RunWorker)
        {
            services.AddHostedService<WorkflowWorker>();
        }

        return services;
    }
}
