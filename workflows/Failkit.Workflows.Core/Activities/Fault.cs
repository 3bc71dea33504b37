namespace Failkit.Workflows.Core.Activities;

/// <summary>Raises a fault on purpose: an incident with a code and message, handled by the incident strategy.</summary>
[Activity("Elsa", "Primitives", "Fault the workflow with a code and a message.")]
[FlowShape(IsTerminal = true)]
public sealed class Fault : Activity
{
    [Input(Description = "A machine-readable code.")]
    public Input<string> Code { get; set; } = new("Fault");

    [Input(Description = "The message.", UIHint = "multiline")]
    public Input<string> Message { get; set; } = new("");

    public override ValueTask ExecuteAsync(ActivityExecutionContext context) =>
        throw new WorkflowFaultException(context.Get(Code) ?? "Fault", context.Get(Message) ?? "");
}
