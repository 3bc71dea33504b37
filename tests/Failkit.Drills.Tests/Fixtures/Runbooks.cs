using System.Text.Json;
using System.Text.Json.Nodes;
using Failkit.Workflows.Core;
using Failkit.Workflows.Core.Model;
using Failkit.Workflows.Runtime.Definitions;

namespace Failkit.Drills.Tests.Fixtures;

/// <summary>Tenant edits of the built-in runbook, published through the engine's own definition service.</summary>
internal static class Runbooks
{
    public static WorkflowDefinition BuiltIn(string definitionId)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "definitions", "drill-runbook.json");
        var model = JsonSerializer.Deserialize<WorkflowDefinition>(File.ReadAllText(path), WorkflowJson.Options)!;
        model.DefinitionId = definitionId;
        model.Name = definitionId;
        return model;
    }

    /// <summary>A copy whose flow faults right after the waves have booted (before measuring and cleanup).</summary>
    public static async Task<string> PublishFaultingCopyAsync(DrillPlane plane, string definitionId)
    {
        var model = BuiltIn(definitionId);
        var flow = model.Root;
        flow["activities"]!.AsArray().Add(new JsonObject
        {
            ["id"] = "boom", ["type"] = "Elsa.Fault", ["version"] = 1,
            ["code"] = new JsonObject { ["typeName"] = "String", ["expression"] = new JsonObject { ["type"] = "Literal", ["value"] = "INJECTED" } },
            ["message"] = new JsonObject { ["typeName"] = "String", ["expression"] = new JsonObject { ["type"] = "Literal", ["value"] = "a step of this runbook faulted" } },
        });
        var rto = flow["connections"]!.AsArray().Single(c => c!["source"]!["activity"]!.GetValue<string>() == "each-wave")!;
        rto["target"]!["activity"] = "boom";
        await plane.Get<WorkflowDefinitionService>().SaveAsync(model, publish: true, CancellationToken.None);
        return definitionId;
    }

    /// <summary>A copy with one boot step pinned to a VM by name.</summary>
    public static async Task<string> PublishNamingVmAsync(DrillPlane plane, string definitionId, string vm)
    {
        var model = BuiltIn(definitionId);
        var boot = model.Root["activities"]!.AsArray().Single(a => a!["id"]!.GetValue<string>() == "each-wave")!["body"]!["activities"]![0]!;
        boot["vm"] = new JsonObject { ["typeName"] = "String", ["expression"] = new JsonObject { ["type"] = "Literal", ["value"] = vm } };
        await plane.Get<WorkflowDefinitionService>().SaveAsync(model, publish: true, CancellationToken.None);
        return definitionId;
    }
}
