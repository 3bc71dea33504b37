using System.Security.Cryptography;
using System.Text;
using Failkit.Workflows.Core;
using Microsoft.Extensions.DependencyInjection;

namespace Failkit.Workflows.Runtime;

/// <summary>Starts children for ExecuteWorkflow. The child's id derives from the parent activity's idempotency key,
/// so a parent re-run after a crash finds the child it already started instead of starting a second one.</summary>
public sealed class ChildWorkflowInvoker(IServiceProvider services) : IChildWorkflowInvoker
{
    public async ValueTask<ChildWorkflowResult> StartAsync(ChildWorkflowRequest request, CancellationToken cancellationToken)
    {
        var runtime = services.GetRequiredService<WorkflowRuntime>();
        var properties = new Dictionary<string, string> { [WorkflowRuntime.ParentInstanceKey] = request.ParentInstanceId };
        if (request.ParentBookmarkId is { } bookmark)
        {
            properties[WorkflowRuntime.ParentBookmarkKey] = bookmark;
        }

        var id = "c" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(request.IdempotencyKey)))[..31];
        var run = await runtime.StartAsync(request.DefinitionId, new StartRequest
        {
            InstanceId = id,
            Input = request.Input,
            CorrelationId = request.CorrelationId,
            Properties = properties,
        }, cancellationToken);
        var finished = run.Status == WorkflowStatus.Finished;
        return new ChildWorkflowResult(run.InstanceId, finished, run.SubStatus == WorkflowSubStatus.Faulted, run.State.Fault, run.State.Output);
    }
}
