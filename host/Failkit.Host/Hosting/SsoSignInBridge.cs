using Failkit.Identity.Sessions;
using Failkit.Sso;

namespace Failkit.Host.Hosting;

/// <summary>Connects the SSO protocols to the tenant's users: a verified IdP identity becomes a just-in-time user
/// and a cookie session (the identity module decides the rules, e.g. SSO never grants owner).</summary>
public sealed class SsoSignInBridge(IExternalSignIn signIn) : ISsoSignIn
{
    public async Task SignInAsync(HttpContext context, SsoIdentity identity, string returnUrl)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(identity);
        var external = new ExternalIdentity(identity.Provider, identity.Subject, identity.Email ?? "", identity.DisplayName,
            identity.Role.ToString().ToLowerInvariant());
        var result = await signIn.SignInAsync(context, external);
        switch (result)
        {
            case ExternalSignInResult.SignedIn:
                return;
            case ExternalSignInResult.Disabled:
                throw new SsoException("UserDisabled", "This account is disabled in Failkit; ask a tenant admin.", StatusCodes.Status403Forbidden);
            default:
                throw new SsoException("IdentityIncomplete", "The identity provider did not send a usable email address for this user.");
        }
    }
}
