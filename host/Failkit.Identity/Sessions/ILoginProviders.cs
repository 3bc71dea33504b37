namespace Failkit.Identity.Sessions;

/// <summary>The single sign-on buttons the login page shows. The identity module does not know the SSO module; the
/// host bridges the two. Without a bridge the page shows the password form only.</summary>
public interface ILoginProviders
{
    Task<IReadOnlyList<LoginProvider>> ListAsync(CancellationToken ct);
}

/// <summary>One button: its caption and the route that starts the sign-in (it gets <c>?returnUrl=</c> appended).</summary>
public sealed record LoginProvider(string Name, string StartPath);

internal sealed class NoLoginProviders : ILoginProviders
{
    public Task<IReadOnlyList<LoginProvider>> ListAsync(CancellationToken ct) => Task.FromResult<IReadOnlyList<LoginProvider>>([]);
}
