namespace Failkit.Workflows.Core.Activities;

/// <summary>Merges flowchart branches: waits for all incoming connections (WaitAll) or the first (WaitAny).</summary>
[Activity("Elsa", "Flow", "Merge parallel branches, waiting for all of them or for the first.", Type = "FlowJoin", DisplayName = "Join")]
public sealed class FlowJoin : CodeActivity
{
    public const string WaitAll = "WaitAll";
    public const string WaitAny = "WaitAny";

    [Input(Description = "WaitAll: continue when every incoming branch arrived. WaitAny: continue on the first.", Options = [WaitAll, WaitAny], DefaultValue = WaitAll)]
    public Input<string> Mode { get; set; } = new(WaitAll);
}
