using System.Security.Claims;
using Failkit.Drills;
using Failkit.Identity.Sessions;

namespace Failkit.Portal;

/// <summary>Who the portal says did something: a signed-in user, named as the drill API names them.</summary>
public static class PortalActions
{
    public static DrillInitiator Initiator(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var actor = user.FindFirst(Principals.ActorClaim)?.Value ?? user.Identity?.Name ?? "unknown";
        return new DrillInitiator(DrillInitiator.User, actor.StartsWith("user:", StringComparison.Ordinal) ? actor["user:".Length..] : actor);
    }
}
