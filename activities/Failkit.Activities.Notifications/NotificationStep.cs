using System.Text.Json.Nodes;
using Failkit.Workflows.Core;

namespace Failkit.Activities.Notifications;

/// <summary>What the notification activities share: the engine's durable retry policy (a definition may override it
/// in <c>customProperties.retryPolicy</c>), and the recipients already served, kept in the activity's state so a retry
/// after a partial failure does not mail them twice.</summary>
internal static class NotificationStep
{
    public static void DefaultRetry(Activity activity, int maxAttempts, int initialDelayMs)
    {
        activity.CustomProperties ??= [];
        activity.CustomProperties["retryPolicy"] ??= new JsonObject
        {
            ["maxAttempts"] = maxAttempts,
            ["initialDelayMs"] = (double)initialDelayMs,
            ["backoffFactor"] = 2.0,
        };
    }

    public static bool IsLastAttempt(ActivityExecutionContext context) =>
        context.Attempt >= RetryPolicy.From((context.Activity as Activity)?.CustomProperties).MaxAttempts;

    public static DeliveryContext Delivery(ActivityExecutionContext context, string? correlation) =>
        new(context.WorkflowInstanceId, string.IsNullOrEmpty(correlation) ? context.CorrelationId : correlation,
            $"system:workflow:{context.WorkflowInstanceId}");

    public static IReadOnlyList<string> List(string? commaSeparated) =>
        (commaSeparated ?? "").Split([',', ';', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public static HashSet<string> Served(ActivityExecutionContext context) =>
        new(context.GetProperty<string[]>("served") ?? [], StringComparer.OrdinalIgnoreCase);

    public static void MarkServed(ActivityExecutionContext context, HashSet<string> served, string recipient)
    {
        served.Add(recipient);
        context.SetProperty("served", served.ToArray());
    }
}
