using System.Text.RegularExpressions;
using Failkit.Identity.Data;
using Failkit.Identity.Users;

namespace Failkit.Portal.Tests;

/// <summary>Users with a password, and the mail the identity module leaves in its outbox (identity.outbox: the
/// notification sender delivers from there; the tests read the row, as the Identity tests do).</summary>
public sealed partial class PortalHost
{
    public const string Password = "correct horse battery";

    public async Task<string> UserWithPasswordAsync(string role)
    {
        var email = $"{role}-{Guid.NewGuid():N}@example.test";
        _ = await Get<UserStore>().CreateAsync(email, role, Password, CancellationToken.None) ?? throw new InvalidOperationException("user not created");
        return email;
    }

    /// <summary>The newest mail's link to <c>/account/reset</c>, waiting a little: the page writes it in the request.</summary>
    public async Task<Uri> ResetLinkAsync(string to)
    {
        var body = await Get<IdentityDatabase>().ScalarAsync<string>(
            "SELECT body FROM identity.outbox WHERE to_address = $1 ORDER BY created_at DESC LIMIT 1", CancellationToken.None, to)
            ?? throw new InvalidOperationException($"no mail to {to} in the outbox");
        return new Uri(ResetLink().Match(body) is { Success: true } m ? m.Value : throw new InvalidOperationException("no reset link in: " + body));
    }

    [GeneratedRegex(@"https?://\S+/account/reset\?token=[A-Za-z0-9_-]+")]
    private static partial Regex ResetLink();
}
