using System.Security.Claims;
using Failkit.Identity;
using Failkit.Identity.Sessions;
using Failkit.Identity.Users;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Authorization;

namespace Failkit.Portal;

/// <summary>The signed-in user of this circuit and what the identity module's policies let them do. Pages hide what a
/// role may not do; every action handler asks again (<see cref="DemandAsync"/>), because hiding a button is not
/// enforcement.</summary>
public sealed class PortalUser(AuthenticationStateProvider authentication, IAuthorizationService authorization, UserStore users)
{
    public ClaimsPrincipal Principal { get; private set; } = new();

    public string Email => Principal.FindFirst(Principals.EmailClaim)?.Value ?? Principal.Identity?.Name ?? "";

    public string Role => Principal.Role() ?? "";

    /// <summary>Operators and above start, cancel and approve drills; an auditor only reads.</summary>
    public bool CanOperate { get; private set; }

    private Task? _loading;

    /// <summary>Once per circuit (the layout and the page both ask); the role cannot change inside a circuit, a new
    /// sign-in makes a new one.</summary>
    public Task LoadAsync() => _loading ??= LoadOnceAsync();

    private async Task LoadOnceAsync()
    {
        Principal = (await authentication.GetAuthenticationStateAsync()).User;
        CanOperate = await AllowedAsync(Policies.Operate);
    }

    public async Task<bool> AllowedAsync(string policy) => (await authorization.AuthorizeAsync(Principal, policy)).Succeeded;

    /// <summary>Asks the user store again, as the session cookie does on every request: a circuit keeps the principal
    /// it started with, and a user demoted or deactivated while their tab is open must be refused from that moment.</summary>
    /// <exception cref="UnauthorizedAccessException">The user is gone or inactive, or their current role does not carry
    /// <paramref name="policy"/>.</exception>
    public async Task DemandAsync(string policy)
    {
        var current = await CookieSessions.CurrentAsync(Principal, users, CancellationToken.None)
            ?? throw new UnauthorizedAccessException("Your account is no longer active. Sign in again.");
        if (!(await authorization.AuthorizeAsync(current, policy)).Succeeded)
        {
            throw new UnauthorizedAccessException($"Your role ({current.Role()}) may not do this ({policy}).");
        }
    }
}
