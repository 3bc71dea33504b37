using System.Collections.Concurrent;
using Fluid;

namespace Failkit.Workflows.Core.Expressions;

/// <summary>Liquid (Fluid) templates. The model exposes <c>Variables</c>, <c>Input</c>, <c>WorkflowInstanceId</c>
/// and <c>CorrelationId</c>.</summary>
internal static class LiquidTemplates
{
    private static readonly FluidParser Parser = new();
    private static readonly ConcurrentDictionary<string, IFluidTemplate> Cache = new(StringComparer.Ordinal);
    private static readonly TemplateOptions Options = CreateOptions();

    public static IFluidTemplate Parse(string text) => Cache.GetOrAdd(text, static t =>
        Parser.TryParse(t, out var template, out var error) ? template : throw new FormatException(error));

    public static string Render(string text, ActivityExecutionContext ctx)
    {
        var state = ctx.Workflow.State;
        var model = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["Variables"] = state.Variables,
            ["Input"] = state.Input,
            ["WorkflowInstanceId"] = state.Id,
            ["CorrelationId"] = state.CorrelationId,
        };
        var context = new TemplateContext(model, Options);
        return Parse(text).Render(context);
    }

    private static TemplateOptions CreateOptions()
    {
        var o = new TemplateOptions { MemberAccessStrategy = new UnsafeMemberAccessStrategy() };
        return o;
    }
}
