using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Failkit.Management.Incidents;

public sealed record StatusIncident(Guid Id, string Title, string Severity, string State, DateTimeOffset ConfirmedAt, DateTimeOffset? ClosedAt, IReadOnlyList<IncidentUpdate> Updates);

public sealed record StatusReport(string Status, DateTimeOffset GeneratedAt, IReadOnlyList<StatusIncident> Incidents);

/// <summary>The public status page: open incidents and those closed in the last 30 days, with their title, state and
/// timeline. It is built from columns that never name a tenant or a recipient, so nothing here can leak one.</summary>
public static class StatusPage
{
    public static readonly TimeSpan RecentWindow = TimeSpan.FromDays(30);

    public static IEndpointRouteBuilder MapStatusPage(this IEndpointRouteBuilder app)
    {
        app.MapGet("/status.json", ReportAsync).WithName("StatusJson").WithTags("Status").AllowAnonymous();
        app.MapGet("/status", PageAsync).WithName("StatusPage").WithTags("Status").AllowAnonymous();
        return app;
    }

    internal static async Task<Ok<StatusReport>> ReportAsync(IncidentStore store, TimeProvider time, CancellationToken ct) =>
        TypedResults.Ok(await BuildAsync(store, time, ct));

    internal static async Task<ContentHttpResult> PageAsync(IncidentStore store, TimeProvider time, CancellationToken ct)
    {
        var report = await BuildAsync(store, time, ct);
        var html = new StringBuilder();
        html.Append("""
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>Failkit status</title>
            <style>body{font-family:system-ui,sans-serif;max-width:48rem;margin:2rem auto;padding:0 1rem;color:#1a1a1a}
            .open{color:#a40000}.closed{color:#135e13}li{margin:.25rem 0}</style></head>
            <body><main>
            <h1>Failkit status</h1>
            """);
        html.Append(report.Status == "operational"
            ? "<p role=\"status\">All systems operational. No open incidents.</p>"
            : "<p role=\"status\" class=\"open\">There is an open incident.</p>");
        html.Append("<h2>Incidents (open and last 30 days)</h2>");
        if (report.Incidents.Count == 0)
        {
            html.Append("<p>None.</p>");
        }

        foreach (var i in report.Incidents)
        {
            html.Append($"<section aria-labelledby=\"i-{i.Id}\"><h3 id=\"i-{i.Id}\">{E(i.Title)}</h3>");
            html.Append($"<p><span class=\"{E(i.State)}\">{E(i.State)}</span> · severity {E(i.Severity)} · confirmed <time datetime=\"{i.ConfirmedAt:O}\">{i.ConfirmedAt:yyyy-MM-dd HH:mm} UTC</time></p><ol>");
            foreach (var u in i.Updates)
            {
                html.Append($"<li><time datetime=\"{u.At:O}\">{u.At:yyyy-MM-dd HH:mm} UTC</time>: {E(u.Message)}</li>");
            }

            html.Append("</ol></section>");
        }

        html.Append("<p><a href=\"/status.json\">This page as JSON</a></p></main></body></html>");
        return TypedResults.Content(html.ToString(), "text/html; charset=utf-8");
    }

    /// <summary>What <c>/status</c> and <c>/status.json</c> show (the operator console previews it).</summary>
    public static async Task<StatusReport> BuildAsync(IncidentStore store, TimeProvider time, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(time);
        var now = time.GetUtcNow();
        var list = new List<StatusIncident>();
        foreach (var i in await store.ListAsync(now - RecentWindow, ct))
        {
            list.Add(new StatusIncident(i.Id, i.Title, i.Severity, i.State, i.ConfirmedAt, i.ClosedAt, await store.UpdatesAsync(i.Id, ct)));
        }

        return new StatusReport(list.Any(i => !i.State.Equals("closed", StringComparison.Ordinal)) ? "incident" : "operational", now, list);
    }

    private static string E(string s) => WebUtility.HtmlEncode(s);
}
