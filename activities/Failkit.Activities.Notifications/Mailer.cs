using MimeKit;

namespace Failkit.Activities.Notifications;

/// <summary>Builds and sends an email, then journals and audits the outcome per recipient. A failed send is recorded
/// and rethrown: the caller (an activity under the engine's retry policy, or an incident step) decides what a
/// failure means; it is never swallowed here.</summary>
public sealed class Mailer(IMailTransport transport, SmtpOptions options, DeliveryJournal journal, IEnumerable<IAttachmentSource> sources)
{
    public async Task SendAsync(EmailMessage email, DeliveryContext context, int attempt, bool lastAttempt, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(email);
        ArgumentNullException.ThrowIfNull(context);
        var message = Build(email);
        try
        {
            await transport.SendAsync(message, ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            var outcome = lastAttempt ? DeliveryOutcome.Failed : DeliveryOutcome.Retrying;
            foreach (var to in email.To)
            {
                await journal.RecordAsync("email", to, email.Subject, outcome, attempt, $"{ex.GetType().Name}: {ex.Message}", context, ct);
            }

            throw;
        }

        foreach (var to in email.To)
        {
            await journal.RecordAsync("email", to, email.Subject, DeliveryOutcome.Delivered, attempt, null, context, ct);
        }
    }

    /// <summary>Resolves <c>scheme:id</c> references through the registered attachment sources.</summary>
    public async Task<IReadOnlyList<EmailAttachment>> ResolveAttachmentsAsync(IEnumerable<string> references, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(references);
        var found = new List<EmailAttachment>();
        foreach (var reference in references.Where(r => !string.IsNullOrWhiteSpace(r)))
        {
            var colon = reference.IndexOf(':', StringComparison.Ordinal);
            var source = colon > 0 ? sources.FirstOrDefault(s => s.Scheme == reference[..colon]) : null;
            if (source is null)
            {
                throw new InvalidOperationException($"No attachment source answers '{reference}' (expected scheme:id).");
            }

            found.Add(await source.ResolveAsync(reference[(colon + 1)..], ct)
                ?? throw new InvalidOperationException($"The attachment '{reference}' does not exist."));
        }

        return found;
    }

    private MimeMessage Build(EmailMessage email)
    {
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(options.From));
        foreach (var to in email.To)
        {
            message.To.Add(MailboxAddress.Parse(to));
        }

        message.Subject = email.Subject;
        var body = new BodyBuilder { TextBody = email.TextBody, HtmlBody = email.HtmlBody };
        foreach (var a in email.Attachments)
        {
            body.Attachments.Add(a.FileName, a.Content, ContentType.Parse(a.ContentType));
        }

        message.Body = body.ToMessageBody();
        return message;
    }
}
