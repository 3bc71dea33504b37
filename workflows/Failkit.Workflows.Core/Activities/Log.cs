using Microsoft.Extensions.Logging;

namespace Failkit.Workflows.Core.Activities;

/// <summary>Writes a message to the host's log at the chosen level.</summary>
[Activity("Elsa", "Console", "Write a message to the application log.")]
public sealed class Log : CodeActivity
{
    [Input(Description = "The message to log.", UIHint = "multiline")]
    public Input<string> Message { get; set; } = new("");

    [Input(Description = "The log level.", Options = ["Trace", "Debug", "Information", "Warning", "Error", "Critical"])]
    public Input<string> Level { get; set; } = new("Information");

    [Input(Description = "The log category.")]
    public Input<string> Category { get; set; } = new("Failkit.Workflows");

    protected override void Execute(ActivityExecutionContext context)
    {
        var message = context.Get(Message) ?? "";
        var factory = context.GetService<ILoggerFactory>();
        if (factory is null)
        {
            (context.GetService<IWorkflowConsole>() ?? StandardConsole.Instance).WriteLine(message);
            return;
        }

        var level = Enum.TryParse<LogLevel>(context.Get(Level), ignoreCase: true, out var l) ? l : LogLevel.Information;
        factory.CreateLogger(context.Get(Category) ?? "Failkit.Workflows")
            .Log(level, "{Message} (instance {InstanceId}, activity {ActivityId})", message, context.WorkflowInstanceId, context.Activity.Id);
    }
}
