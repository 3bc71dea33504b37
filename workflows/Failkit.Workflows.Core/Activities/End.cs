namespace Failkit.Workflows.Core.Activities;

/// <summary>Marks an end of a flowchart: when reached, the flowchart completes and cancels its other branches.</summary>
[Activity("Elsa", "Flow", "The end of the flowchart.")]
[FlowShape(IsTerminal = true)]
public sealed class End : CodeActivity;
