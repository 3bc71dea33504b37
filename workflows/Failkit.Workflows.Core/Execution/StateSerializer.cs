using System.Text.Json;
using Failkit.Workflows.Core.Expressions;

namespace Failkit.Workflows.Core.Execution;

/// <summary>Serializes instance state to JSON and back, turning JSON values into plain CLR values again so
/// scripts and activities see the same kinds of values before and after a restart.</summary>
public static class StateSerializer
{
    public static byte[] Serialize(WorkflowState state) => JsonSerializer.SerializeToUtf8Bytes(state, WorkflowJson.Options);

    public static string SerializeToString(WorkflowState state) => JsonSerializer.Serialize(state, WorkflowJson.Options);

    public static WorkflowState Deserialize(ReadOnlySpan<byte> json) =>
        Normalize(JsonSerializer.Deserialize<WorkflowState>(json, WorkflowJson.Options)!);

    public static WorkflowState Deserialize(string json) =>
        Normalize(JsonSerializer.Deserialize<WorkflowState>(json, WorkflowJson.Options)!);

    private static WorkflowState Normalize(WorkflowState s)
    {
        Unwrap(s.Variables);
        Unwrap(s.Input);
        Unwrap(s.Output);
        foreach (var c in s.Contexts)
        {
            Unwrap(c.Properties);
            if (c.Inputs is not null)
            {
                Unwrap(c.Inputs);
            }

            if (c.Outputs is not null)
            {
                Unwrap(c.Outputs);
            }
        }

        s.Scheduled = s.Scheduled
            .Select(w => w with
            {
                Input = ValueConverter.Unwrap(w.Input),
                Child = w.Child is null ? null : w.Child with { Result = ValueConverter.Unwrap(w.Child.Result) },
            })
            .ToList();
        return s;
    }

    private static void Unwrap(Dictionary<string, object?> d)
    {
        foreach (var key in d.Keys.ToList())
        {
            d[key] = ValueConverter.Unwrap(d[key]);
        }
    }
}
