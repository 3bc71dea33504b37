using System.Collections.Concurrent;
using Acornima.Ast;
using Jint;
using Jint.Native;

namespace Failkit.Workflows.Core.Expressions;

/// <summary>One sandboxed Jint engine per instance burst, created on first use. Scripts are parsed once per text.
/// Limits: 10,000 statements, 2 s, 32 MB and a recursion depth of 256 per evaluation.</summary>
internal sealed class JavaScriptEngineHolder
{
    private static readonly ConcurrentDictionary<string, Prepared<Script>> Prepared = new(StringComparer.Ordinal);
    private Engine? _engine;
    private ActivityExecutionContext? _current;

    public static Prepared<Script> Prepare(string code) =>
        Prepared.TryGetValue(code, out var p) ? p : Prepared.GetOrAdd(code, Engine.PrepareScript(code));

    public object? Evaluate(string code, ActivityExecutionContext ctx)
    {
        var engine = _engine ??= Create(ctx);
        _current = ctx;
        engine.SetValue("activityId", ctx.Activity.Id);
        return engine.Evaluate(Prepare(code)).ToObject();
    }

    private Engine Create(ActivityExecutionContext ctx)
    {
        var state = ctx.Workflow.State;
        var engine = new Engine(o => o
            .MaxStatements(10_000)
            .TimeoutInterval(TimeSpan.FromSeconds(2))
            .LimitMemory(32_000_000)
            .LimitRecursion(256)
            .CancellationToken(ctx.CancellationToken));
        engine.SetValue("variables", state.Variables);
        engine.SetValue("input", state.Input);
        engine.SetValue("workflowInstanceId", state.Id);
        engine.SetValue("correlationId", state.CorrelationId);
        engine.SetValue("getVariable", new Func<string, object?>(name => _current!.GetVariable(name)));
        engine.SetValue("setVariable", new Action<string, JsValue>((name, value) => _current!.SetVariable(name, ValueConverter.Unwrap(value))));
        engine.SetValue("getInput", new Func<string, object?>(name => state.Input.TryGetValue(name, out var v) ? v : null));
        engine.SetValue("isNullOrEmpty", new Func<JsValue, bool>(v => v.IsNull() || v.IsUndefined() || (v.IsString() && v.AsString().Length == 0)));
        return engine;
    }
}
