namespace Failkit.Workflows.Runtime.Tests;

internal static class Json
{
    /// <summary>A flowchart definition: Start, then one WriteLine with the given text.</summary>
    public static string Writer(string id, string text) => $$"""
        { "definitionId": "{{id}}", "name": "{{id}}",
          "root": { "type": "Elsa.Flowchart", "id": "f", "activities": [
            { "type": "Elsa.Start", "id": "s" },
            { "type": "Elsa.WriteLine", "id": "w", "text": { "typeName": "String", "expression": { "type": "Literal", "value": "{{text}}" } } } ],
            "connections": [ { "source": { "activity": "s", "port": "Done" }, "target": { "activity": "w", "port": "In" } } ] } }
        """;
}
