using Failkit.Workflows.Core.Activities;

namespace Failkit.Workflows.Core.Tests;

public sealed class DescriptorTests
{
    private readonly ActivityRegistry _registry = ActivityRegistry.BuiltIns();

    [Fact]
    public void Descriptor_IsGeneratedFromTheClass()
    {
        Assert.True(_registry.TryGet("Elsa.If", 1, out var model));
        var d = model.Descriptor;

        Assert.Equal(("Elsa.If", "Branching", true), (d.TypeName, d.Category, d.IsBrowsable));
        var condition = Assert.Single(d.Inputs);
        Assert.Equal(("Condition", "Boolean", "singleline", true), (condition.Name, condition.TypeName, condition.UiHint, condition.IsWrapped));
        Assert.Equal(["True", "False", "Then", "Else"], d.Ports.Select(p => p.Name));
        Assert.Equal(["Flow", "Flow", "Embedded", "Embedded"], d.Ports.Select(p => p.Type));
    }

    [Fact]
    public void Descriptors_CoverEveryBuiltIn_WithElsaTypeNames()
    {
        var names = _registry.Descriptors.Select(d => d.TypeName).ToHashSet();

        Assert.Superset(
            new HashSet<string> {"Elsa.Flowchart", "Elsa.Sequence", "Elsa.If", "Elsa.Switch", "Elsa.FlowSwitch", "Elsa.ForEach", "Elsa.While", "Elsa.Fork", "Elsa.FlowJoin",
             "Elsa.Delay", "Elsa.Timer", "Elsa.Cron", "Elsa.Event", "Elsa.SetVariable", "Elsa.WriteLine", "Elsa.Log", "Elsa.Finish", "Elsa.Fault",
             "Elsa.ExecuteWorkflow", "Elsa.Start", "Elsa.End" },
            names);
    }

    [Fact]
    public void Descriptor_DropdownUsesSelectListShape_AndTriggerKind()
    {
        Assert.True(_registry.TryGet("Elsa.Fork", 1, out var fork));
        var joinMode = fork.Descriptor.Inputs.Single(i => i.Name == "JoinMode");
        Assert.Equal("dropdown", joinMode.UiHint);
        Assert.Equal(2, joinMode.UiSpecifications!["dropdown"]!["selectList"]!["items"]!.AsArray().Count);

        Assert.True(_registry.TryGet("Elsa.Cron", 1, out var cron));
        Assert.Equal(ActivityKind.Trigger, cron.Descriptor.Kind);
        Assert.True(cron.Descriptor.Inputs.Single(i => i.Name == "CronExpression").IsRequired);
        Assert.Equal(typeof(Cron), cron.ClrType);
    }

    [Fact]
    public void JsonEditorInput_CarriesTheJsonLanguage_ForTheStudiosMonaco()
    {
        Assert.True(_registry.TryGet("Elsa.ExecuteWorkflow", 1, out var model));
        var input = model.Descriptor.Inputs.Single(i => i.Name == "Input");

        Assert.Equal("json-editor", input.UiHint);
        Assert.Equal("json", (string?)input.UiSpecifications!["code-editor"]!["language"]);
    }
}
