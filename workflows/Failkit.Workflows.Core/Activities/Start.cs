namespace Failkit.Workflows.Core.Activities;

/// <summary>Marks where a flowchart begins.</summary>
[Activity("Elsa", "Flow", "The start of the flowchart.")]
[FlowShape(IsStart = true)]
public sealed class Start : CodeActivity;
