using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using WorkflowCore.Interface;
using WorkflowCore.Models;
using WorkflowCore.Models.LifeCycleEvents;

namespace Failkit.Workflows.Bench;

/// <summary>The peer: WorkflowCore 3.22.0 with its defaults (in-memory persistence, single-node queue, lock and
/// lifecycle hub) running 20 sequential no-op steps. Method of performance-anchors.md 1.3: completion is the
/// <c>WorkflowCompleted</c> lifecycle event, 500 warm-up instances first, a closed loop with N in flight.</summary>
public static class WorkflowCoreBench
{
    public const string WorkflowId = "bench-seq20";

    /// <summary>Measures in a fresh host whose store already holds <paramref name="stored"/> completed instances.</summary>
    public static async Task<LoopResult> RunAsync(BenchOptions options, int stored)
    {
        var services = new ServiceCollection();
        services.AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
        services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        services.AddWorkflow();
        services.AddTransient<NoopStep>();
        await using var sp = services.BuildServiceProvider();
        await SeedAsync(sp.GetRequiredService<IPersistenceProvider>(), stored);

        var host = sp.GetRequiredService<IWorkflowHost>();
        host.RegisterWorkflow<Sequence20>();
        var waiters = new ConcurrentDictionary<string, TaskCompletionSource>(StringComparer.Ordinal);
        host.OnLifeCycleEvent += e =>
        {
            if (e is WorkflowCompleted)
            {
                Waiter(waiters, e.WorkflowInstanceId).TrySetResult();
            }
        };
        host.Start();
        try
        {
            async Task One()
            {
                var id = await host.StartWorkflow(WorkflowId);
                await Waiter(waiters, id).Task.WaitAsync(TimeSpan.FromSeconds(60));
                waiters.TryRemove(id, out _);
            }

            await ClosedLoop.RunAsync(options.WorkflowCoreInFlight, options.WorkflowCoreWarmup, TimeSpan.FromMinutes(2), One);
            return await ClosedLoop.RunAsync(options.WorkflowCoreInFlight, options.WorkflowCoreInstances, options.MaxLoopTime * 3, One);
        }
        finally
        {
            host.Stop();
        }
    }

    private static TaskCompletionSource Waiter(ConcurrentDictionary<string, TaskCompletionSource> waiters, string id) =>
        waiters.GetOrAdd(id, static _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));

    /// <summary>Completed instances, shaped like finished runs of the benchmark workflow (20 completed pointers).</summary>
    private static async Task SeedAsync(IPersistenceProvider persistence, int count)
    {
        var now = DateTime.UtcNow;
        for (var i = 0; i < count; i++)
        {
            var instance = new WorkflowInstance
            {
                WorkflowDefinitionId = WorkflowId,
                Version = 1,
                Status = WorkflowStatus.Complete,
                CreateTime = now,
                CompleteTime = now,
                ExecutionPointers = [],
            };
            for (var step = 0; step < Definitions.SequenceLength; step++)
            {
                instance.ExecutionPointers.Add(new ExecutionPointer
                {
                    Id = Guid.NewGuid().ToString(),
                    StepId = step,
                    Active = false,
                    Status = PointerStatus.Complete,
                    StartTime = now,
                    EndTime = now,
                });
            }

            await persistence.CreateNewWorkflow(instance);
        }
    }

    public sealed class Sequence20 : IWorkflow
    {
        public string Id => WorkflowId;

        public int Version => 1;

        public void Build(IWorkflowBuilder<object> builder)
        {
            var step = builder.StartWith<NoopStep>();
            for (var i = 1; i < Definitions.SequenceLength; i++)
            {
                step = step.Then<NoopStep>();
            }
        }
    }

    public sealed class NoopStep : StepBody
    {
        public override ExecutionResult Run(IStepExecutionContext context) => ExecutionResult.Next();
    }
}
