using Failkit.Identity.Users;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using OpenIddict.Server;
using OpenIddict.Validation;

namespace Failkit.Identity.Data;

/// <summary>Does before the server listens what the first request would otherwise pay for: OpenIddict's options
/// (their ephemeral RSA keys take seconds on a busy machine, and every request passes OpenIddict's handlers) and
/// the dummy bcrypt hash, so even the first unknown-email login costs exactly one hash.</summary>
public sealed class IdentityWarmUp(
    IOptionsMonitor<OpenIddictServerOptions> server, IOptionsMonitor<OpenIddictValidationOptions> validation, PasswordHasher hasher) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _ = server.CurrentValue;
        _ = validation.CurrentValue;
        hasher.PrepareDummy();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
