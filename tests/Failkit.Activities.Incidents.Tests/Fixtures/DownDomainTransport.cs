using Failkit.Activities.Notifications;
using MimeKit;

namespace Failkit.Activities.Incidents.Tests.Fixtures;

/// <summary>Routes mail like a relay that cannot reach one tenant's mail server: messages for <c>@down.test</c> go
/// to a real SMTP connection on a closed loopback port (refused), everything else to maildev.</summary>
public sealed class DownDomainTransport(IMailTransport reachable, IMailTransport down) : IMailTransport
{
    public Task SendAsync(MimeMessage message, CancellationToken ct) =>
        message.To.Mailboxes.Any(m => m.Address.EndsWith("@down.test", StringComparison.Ordinal))
            ? down.SendAsync(message, ct)
            : reachable.SendAsync(message, ct);
}
