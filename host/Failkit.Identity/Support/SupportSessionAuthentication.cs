using System.Security.Claims;
using System.Text.Encodings.Web;
using Failkit.Identity.Audit;
using Failkit.Identity.Sessions;
using Failkit.Identity.Users;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Failkit.Identity.Support;

/// <summary>Authenticates <c>Authorization: Bearer fks_...</c> support-session tokens. Every request it lets through
/// is written to the audit log with the operator's name and the grant, before the endpoint runs.</summary>
public sealed class SupportSessionAuthentication(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, SupportGrants grants, AuditLog audit)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Failkit.Support";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer " + SupportGrants.TokenPrefix, StringComparison.Ordinal))
        {
            return AuthenticateResult.NoResult();
        }

        var session = await grants.ValidateAsync(header["Bearer ".Length..].Trim(), Context.RequestAborted);
        if (session is null)
        {
            return AuthenticateResult.Fail("The support session is unknown, expired or its grant was revoked.");
        }

        var actor = Actors.Support(session.Operator, session.GrantId);
        await audit.WriteAsync(AuditKinds.SupportRequest, actor, $"{Request.Method} {Request.Path}{Request.QueryString}", null, Context.RequestAborted);
        var identity = new ClaimsIdentity(SchemeName, Principals.ActorClaim, Roles.ClaimType);
        identity.AddClaim(new Claim(Roles.ClaimType, SupportGrants.RoleFor(session.Scope)!));
        identity.AddClaim(new Claim(Principals.ActorClaim, actor));
        identity.AddClaim(new Claim("failkit:support-grant", session.GrantId.ToString()));
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }
}
