using System.Globalization;
using System.Net;
using Failkit.Activities.Notifications;
using Failkit.Management.Incidents;

namespace Failkit.Activities.Incidents;

/// <summary>The texts of the incident emails. Each tenant's message names that tenant only.</summary>
internal static class IncidentMessages
{
    public static EmailMessage Notice(SecurityIncident i, string slug, string to, Uri ackLink, Uri statusPage, bool escalated)
    {
        var lead = escalated
            ? $"No owner of tenant '{slug}' has acknowledged this notice yet, so it now goes to every admin as well."
            : $"Failkit confirmed a security incident that affects tenant '{slug}'.";
        var text = $"""
            {lead}

            Incident: {i.Title}
            Severity: {i.Severity}
            Confirmed: {Time(i.ConfirmedAt)}

            What happened:
            {i.WhatHappened}

            Please confirm that you received this notice (one click, no sign-in):
            {ackLink}

            A written postmortem follows within 14 days of confirmation. Public status: {statusPage}
            """;
        var html = $"""
            <p>{H(lead)}</p>
            <p><strong>SecurityIncident:</strong> {H(i.Title)}<br><strong>Severity:</strong> {H(i.Severity)}<br><strong>Confirmed:</strong> {H(Time(i.ConfirmedAt))}</p>
            <p><strong>What happened:</strong></p><p style="white-space:pre-wrap">{H(i.WhatHappened)}</p>
            <p><a href="{H(ackLink.AbsoluteUri)}">Confirm that you received this notice</a></p>
            <p>A written postmortem follows within 14 days of confirmation. <a href="{H(statusPage.AbsoluteUri)}">Public status page</a></p>
            """;
        var subject = (escalated ? "[Escalated] " : "") + $"Security incident notice: {i.Title}";
        return new EmailMessage([to], subject, text) { HtmlBody = html };
    }

    /// <summary>The webhook notice's message: what happened, within the tenant plane's 2,000-character limit.</summary>
    public static string WebhookText(SecurityIncident i)
    {
        var text = $"Failkit confirmed a security incident that affects this tenant ({i.Severity}, confirmed {Time(i.ConfirmedAt)}). {i.WhatHappened}";
        return text.Length <= 2000 ? text : text[..2000];
    }

    /// <summary>The postmortem event's message: the document, within the same limit.</summary>
    public static string WebhookPostmortem(SecurityIncident i)
    {
        var text = $"The postmortem of '{i.Title}': {i.Postmortem}";
        return text.Length <= 2000 ? text : text[..2000];
    }

    public static EmailMessage Postmortem(SecurityIncident i, string to)
    {
        var text = $"""
            The postmortem of the security incident "{i.Title}" (confirmed {Time(i.ConfirmedAt)}) is below and attached.

            {i.Postmortem}
            """;
        return new EmailMessage([to], $"Postmortem: {i.Title}", text)
        {
            HtmlBody = $"<p>The postmortem of the security incident <strong>{H(i.Title)}</strong> is below and attached.</p><pre style=\"white-space:pre-wrap\">{H(i.Postmortem ?? "")}</pre>",
            Attachments = [new EmailAttachment("postmortem.txt", "text/plain; charset=utf-8", System.Text.Encoding.UTF8.GetBytes(i.Postmortem ?? ""))],
        };
    }

    public static EmailMessage Operators(IReadOnlyList<string> to, SecurityIncident i, string subject, string body) =>
        new(to, $"[Failkit operators] {subject}: {i.Title}", $"{body}\n\nIncident {i.Id}, confirmed {Time(i.ConfirmedAt)}.");

    private static string Time(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    private static string H(string s) => WebUtility.HtmlEncode(s);
}
