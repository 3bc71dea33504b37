using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Failkit.Management.Incidents;

public static partial class IncidentEndpoints
{
    /// <summary>The link in the email opens a page with one button: mail scanners that follow links must not
    /// acknowledge on the recipient's behalf, so only the POST records it.</summary>
    internal static async Task<Results<ContentHttpResult, NotFound>> AcknowledgePage(
        Guid id, Guid? recipient, string? token, IncidentStore store, IncidentAckTokens tokens, CancellationToken ct)
    {
        if (recipient is null || !await tokens.VerifyAsync(id, recipient.Value, token, ct) || await store.GetAsync(id, ct) is not { } incident)
        {
            return TypedResults.NotFound();
        }

        var html = $"""
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>Acknowledge incident notice</title></head>
            <body><main>
            <h1>Acknowledge the incident notice</h1>
            <p>Incident: <strong>{WebUtility.HtmlEncode(incident.Title)}</strong></p>
            <form method="post" action="/api/incidents/{id}/acknowledge?recipient={recipient}&amp;token={WebUtility.UrlEncode(token)}">
            <button type="submit">I have received this notice</button>
            </form></main></body></html>
            """;
        return TypedResults.Content(html, "text/html; charset=utf-8");
    }

    internal static async Task<Results<Ok<AcknowledgeAnswer>, NotFound>> AcknowledgeAsync(
        Guid id, Guid? recipient, string? token, IncidentStore store, IncidentAckTokens tokens, CancellationToken ct)
    {
        if (recipient is null || !await tokens.VerifyAsync(id, recipient.Value, token, ct) || !await store.AcknowledgeAsync(id, recipient.Value, ct))
        {
            return TypedResults.NotFound();
        }

        return TypedResults.Ok(new AcknowledgeAnswer(id, "acknowledged"));
    }

    public sealed record AcknowledgeAnswer(Guid IncidentId, string Status);
}
