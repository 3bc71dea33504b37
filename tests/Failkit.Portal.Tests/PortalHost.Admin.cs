using Failkit.Activities.Notifications;
using Failkit.Sso;

namespace Failkit.Portal.Tests;

/// <summary>Switches for the admin pages' tests, on the one shared plane.</summary>
public sealed partial class PortalHost
{
    /// <summary>The plane as a Professional tenant reached at its own address (the SSO module builds its redirect and
    /// ACS URLs from that address, and refuses every SSO route on the Standard tier).</summary>
    public void EnableSso()
    {
        var sso = Get<SsoOptions>();
        sso.Tier = "Professional";
        sso.PublicUrl = Url;
    }

    /// <summary>Lets webhooks reach a receiver on this machine; the delivery guard reads the switch at every connect.</summary>
    public void AllowLoopbackWebhooks() => Get<WebhookOptions>().AllowLoopback = true;
}
