using Failkit.Workflows.Core;

namespace Failkit.Activities.TestKit;

/// <summary>Test activity: blocks the burst for a while, so a test can kill the process in the middle of one.
/// (Production activities wait through bookmarks instead.)</summary>
[Activity("Failkit.TestKit", "Test kit", "Block the current burst for some milliseconds.")]
public sealed class Sleep : CodeActivity
{
    [Input(Description = "Milliseconds to block.")]
    public Input<int> Milliseconds { get; set; } = new(100);

    public override async ValueTask ExecuteAsync(ActivityExecutionContext context) =>
        await Task.Delay(context.Get(Milliseconds), context.CancellationToken);
}
