using System.Security.Claims;
using Failkit.Management;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Authorization;

namespace Failkit.OperatorConsole;

/// <summary>The operator signed in to this circuit. Every action handler asks again (<see cref="DemandAsync"/>) before
/// it acts, with the policy the platform API's route demands: a page is no enforcement.</summary>
public sealed class ConsoleOperator(AuthenticationStateProvider authentication, IAuthorizationService authorization)
{
    public ClaimsPrincipal Principal { get; private set; } = new();

    public string Name => Principal.Identity?.Name ?? "";

    public string ClientId => Principal.FindFirst("sub")?.Value ?? "";

    private Task? _loading;

    public Task LoadAsync() => _loading ??= LoadOnceAsync();

    private async Task LoadOnceAsync() => Principal = (await authentication.GetAuthenticationStateAsync()).User;

    /// <exception cref="UnauthorizedAccessException">The operator's client no longer carries the platform-operator role.</exception>
    public async Task DemandAsync()
    {
        await LoadAsync();
        if (!(await authorization.AuthorizeAsync(Principal, ManagementAuthorization.PlatformOperatorPolicy)).Succeeded)
        {
            throw new UnauthorizedAccessException("Only a platform operator may do this.");
        }
    }
}
