namespace Failkit.Sso;

/// <summary>Who the IdP vouched for, after every check passed.</summary>
/// <param name="Provider"><c>oidc</c> or <c>saml</c>.</param>
/// <param name="Subject">The IdP's stable id of the user (OIDC <c>sub</c>, SAML NameID).</param>
public sealed record SsoIdentity(string Provider, string Subject, string? Email, string? DisplayName, SsoRole Role);

/// <summary>Turns a verified <see cref="SsoIdentity"/> into a session. The host implements it with the identity
/// module's just-in-time user and cookie; throw <see cref="SsoException"/> to refuse the login with a problem.</summary>
public interface ISsoSignIn
{
    Task SignInAsync(HttpContext context, SsoIdentity identity, string returnUrl);
}
