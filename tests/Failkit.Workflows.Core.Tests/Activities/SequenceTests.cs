using Failkit.Testing;
using Failkit.Workflows.Core;

namespace Failkit.Workflows.Core.Tests.Activities;

public sealed class SequenceTests
{
    [Fact]
    public async Task Sequence_RunsChildrenInOrder_AndFinishes()
    {
        await using var host = WorkflowTestHost.Create();
        var run = await host.RunAsync("""
            { "definitionId": "seq", "name": "seq",
              "root": { "type": "Elsa.Sequence", "id": "s1", "activities": [
                { "type": "Elsa.WriteLine", "id": "a", "text": { "typeName": "String", "expression": { "type": "Literal", "value": "one" } } },
                { "type": "Elsa.WriteLine", "id": "b", "text": { "typeName": "String", "expression": { "type": "Literal", "value": "two" } } },
                { "type": "Elsa.WriteLine", "id": "c", "text": { "typeName": "String", "expression": { "type": "Literal", "value": "three" } } }
              ] } }
            """);

        Assert.Equal(WorkflowSubStatus.Finished, run.SubStatus);
        Assert.Equal(["one", "two", "three"], host.Console.Lines);
        var journal = await host.Services.GetRequiredServiceJournal(run.InstanceId);
        Assert.Equal(["Elsa.Sequence", "Elsa.WriteLine", "Elsa.WriteLine", "Elsa.WriteLine"], journal.Select(r => r.ActivityType));
        Assert.All(journal, r => Assert.Equal(ActivityStatus.Completed, r.Status));
        Assert.Equal("two", journal[2].Inputs!["Text"]);
    }
}
