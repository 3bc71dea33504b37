using System.Security.Claims;
using Failkit.Identity.Users;

namespace Failkit.Identity.Sessions;

/// <summary>The claims a signed-in user carries. The cookie holds the user id; role and email are re-read on every
/// request (<see cref="CookieSessions"/>), so a role change, a disable or a delete takes effect at once.</summary>
public static class Principals
{
    public const string UserIdClaim = "sub";
    public const string EmailClaim = "email";
    public const string ActorClaim = "failkit:actor";

    public static ClaimsPrincipal ForUser(User user, string authenticationType)
    {
        ArgumentNullException.ThrowIfNull(user);
        var identity = new ClaimsIdentity(authenticationType, EmailClaim, Roles.ClaimType);
        identity.AddClaim(new Claim(UserIdClaim, user.Id.ToString()));
        identity.AddClaim(new Claim(EmailClaim, user.Email));
        identity.AddClaim(new Claim(Roles.ClaimType, user.Role));
        identity.AddClaim(new Claim(ActorClaim, Actors.User(user.Email)));
        return new ClaimsPrincipal(identity);
    }

    public static string Actor(this ClaimsPrincipal principal) =>
        principal.FindFirst(ActorClaim)?.Value ?? principal.FindFirst(UserIdClaim)?.Value ?? "anonymous";

    public static string? Role(this ClaimsPrincipal principal) => principal.FindFirst(Roles.ClaimType)?.Value;

    public static Guid? UserId(this ClaimsPrincipal principal) =>
        principal.Identity?.AuthenticationType == CookieSessions.Scheme && Guid.TryParse(principal.FindFirst(UserIdClaim)?.Value, out var id) ? id : null;
}
