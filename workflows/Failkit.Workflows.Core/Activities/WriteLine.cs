namespace Failkit.Workflows.Core.Activities;

/// <summary>Writes a line of text to the workflow console (standard output unless the host replaces it).</summary>
[Activity("Elsa", "Console", "Write a line of text to the console.")]
public sealed class WriteLine : CodeActivity
{
    [Input(Description = "The text to write.")]
    public Input<string> Text { get; set; } = new("");

    protected override void Execute(ActivityExecutionContext context)
    {
        var console = context.GetService<IWorkflowConsole>() ?? StandardConsole.Instance;
        console.WriteLine(context.Get(Text) ?? "");
    }
}

/// <summary>Where WriteLine writes. Hosts and tests register their own.</summary>
public interface IWorkflowConsole
{
    void WriteLine(string text);
}

/// <summary>Writes to the process's standard output.</summary>
public sealed class StandardConsole : IWorkflowConsole
{
    public static readonly StandardConsole Instance = new();

    public void WriteLine(string text) => Console.Out.WriteLine(text);
}
