using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace Failkit.Activities.Notifications;

/// <summary>Hands a finished MIME message to the outside world.</summary>
public interface IMailTransport
{
    Task SendAsync(MimeMessage message, CancellationToken ct);
}

/// <summary>Sends through the plane's SMTP relay with MailKit: one connection per message, which is plenty for
/// notification volumes and leaves no idle connection for a relay to drop.</summary>
public sealed class SmtpMailTransport(SmtpOptions options) : IMailTransport
{
    public async Task SendAsync(MimeMessage message, CancellationToken ct)
    {
        using var client = new SmtpClient { Timeout = (int)options.Timeout.TotalMilliseconds };
        await client.ConnectAsync(options.Host ?? throw new InvalidOperationException("No SMTP host is configured."), options.Port, Map(options.Security), ct);
        if (!string.IsNullOrEmpty(options.User))
        {
            await client.AuthenticateAsync(options.User, options.Password ?? "", ct);
        }

        await client.SendAsync(message, ct);
        await client.DisconnectAsync(quit: true, ct);
    }

    private static SecureSocketOptions Map(SmtpSecurity security) => security switch
    {
        SmtpSecurity.StartTls => SecureSocketOptions.StartTls,
        SmtpSecurity.StartTlsWhenAvailable => SecureSocketOptions.StartTlsWhenAvailable,
        SmtpSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
        _ => SecureSocketOptions.None,
    };
}

/// <summary>Embedded mode's sink when no relay is configured: each message becomes an <c>.eml</c> file a mail
/// program opens, named so a directory listing reads in sending order.</summary>
public sealed class OutboxMailTransport(string directory, TimeProvider time) : IMailTransport
{
    public async Task SendAsync(MimeMessage message, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(message);
        Directory.CreateDirectory(directory);
        var name = $"{time.GetUtcNow():yyyyMMdd'T'HHmmss'Z'}-{Guid.NewGuid().ToString("N")[..8]}.eml";
        await message.WriteToAsync(Path.Combine(directory, name), ct);
    }
}
