namespace Failkit.Workflows.Core.Expressions;

/// <summary>An expression that failed to evaluate. It becomes an incident on the activity, never a crash.</summary>
public sealed class ExpressionException(string activityId, string input, string language, string message, Exception? inner = null)
    : Exception($"{language} expression of input '{input}' on activity '{activityId}' failed: {message}", inner)
{
    public string ActivityId { get; } = activityId;

    public string Input { get; } = input;

    public string Language { get; } = language;
}
