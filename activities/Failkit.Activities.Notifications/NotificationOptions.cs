namespace Failkit.Activities.Notifications;

/// <summary>How STARTTLS is used on the SMTP connection (MailKit's SecureSocketOptions, named for configuration).</summary>
public enum SmtpSecurity
{
    /// <summary>STARTTLS is required; the send fails if the server does not offer it. The production default.</summary>
    StartTls,

    /// <summary>STARTTLS when the server offers it, plain otherwise.</summary>
    StartTlsWhenAvailable,

    /// <summary>TLS from the first byte (port 465).</summary>
    SslOnConnect,

    /// <summary>No TLS at all: loopback sinks (maildev) only.</summary>
    None,
}

/// <summary>A plane's notification settings, bound from <c>Failkit:Notifications</c>. Each plane has its own (the
/// management plane's and each tenant plane's configuration are separate).</summary>
public sealed class NotificationOptions
{
    public const string Section = "Failkit:Notifications";

    public SmtpOptions Smtp { get; set; } = new();

    public WebhookOptions Webhooks { get; set; } = new();
}

/// <summary>The SMTP relay. The password is a configuration secret (an environment variable or a Kubernetes Secret
/// mounted as one, <c>Failkit__Notifications__Smtp__Password</c>); see docs/decisions/notifications-secrets.md.</summary>
public sealed class SmtpOptions
{
    /// <summary>The relay's host; empty means no relay, and mail goes to <see cref="OutboxDirectory"/>.</summary>
    public string? Host { get; set; }

    public int Port { get; set; } = 587;

    public SmtpSecurity Security { get; set; } = SmtpSecurity.StartTls;

    public string? User { get; set; }

    public string? Password { get; set; }

    public string From { get; set; } = "Failkit <failkit@localhost>";

    /// <summary>Embedded mode's sink: one <c>.eml</c> file per message, readable by any mail program.</summary>
    public string? OutboxDirectory { get; set; }

    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);
}

public sealed class WebhookOptions
{
    /// <summary>Allows loopback targets (127.0.0.0/8, ::1). Off in production; tests and local sinks turn it on.</summary>
    public bool AllowLoopback { get; set; }

    /// <summary>Allows private, CGNAT, link-local and unique-local targets, for webhooks inside the operator's own
    /// network. Off by default.</summary>
    public bool AllowPrivateNetworks { get; set; }

    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Signing secrets by name; a definition names one (<c>secretName</c>) so no secret sits in a workflow's
    /// definition, state or journal. Configuration secrets, like the SMTP password.</summary>
    public Dictionary<string, string> Secrets { get; set; } = new(StringComparer.Ordinal);
}
