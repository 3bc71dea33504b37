using Failkit.Activities.Notifications;
using Failkit.Management.Onboarding;

namespace Failkit.Host.Management;

/// <summary>Delivers an owner's bootstrap link by email to the tenant's contact (through the plane's relay, or the
/// outbox folder in embedded mode) and still prints it: the person running <c>./failkit up</c> reads the console.
/// The token appears in the message only; the journal keeps the recipient and the subject.</summary>
public sealed class EmailBootstrapLinkDelivery(ConsoleBootstrapLinkDelivery console, Mailer mailer, ILogger<EmailBootstrapLinkDelivery> log) : IBootstrapLinkDelivery
{
    public async Task DeliverAsync(BootstrapLink link, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(link);
        await console.DeliverAsync(link, ct);
        if (string.IsNullOrEmpty(link.ContactEmail))
        {
            return;
        }

        var text = $"""
            Your Failkit tenant '{link.Slug}' is ready. Create the owner account here (single use, expires {link.ExpiresAt:yyyy-MM-dd HH:mm} UTC):

            {link.Link}
            """;
        var email = new EmailMessage([link.ContactEmail], $"Your Failkit tenant '{link.Slug}' is ready", text)
        {
            HtmlBody = $"<p>Your Failkit tenant <strong>{System.Net.WebUtility.HtmlEncode(link.Slug)}</strong> is ready.</p><p><a href=\"{System.Net.WebUtility.HtmlEncode(link.Link.AbsoluteUri)}\">Create the owner account</a> (single use, expires {link.ExpiresAt:yyyy-MM-dd HH:mm} UTC).</p>",
        };
        try
        {
            await mailer.SendAsync(email, new DeliveryContext(Correlation: "tenant:" + link.Slug, Actor: "system:onboarding"), 1, lastAttempt: true, ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The console already has the link; a mail failure must not fail the onboarding step that mints it.
            log.LogWarning("Bootstrap email for {Slug} was not sent: {Error}", link.Slug, ex.Message);
        }
    }
}
