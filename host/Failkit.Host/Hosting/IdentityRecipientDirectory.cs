using Failkit.Activities.Notifications;
using Failkit.Identity;
using Failkit.Identity.Users;

namespace Failkit.Host.Hosting;

/// <summary>The tenant's users by role, for NotifyUsersByRole, NotifyDrillCompletion and the management plane's
/// incident notices. Until the tenant has an active owner, the tenant's contact email (the address the bootstrap link
/// went to) stands in for the owner: otherwise the first drill of a new tenant would tell nobody
/// (docs/decisions/notifications-demo-mail.md).</summary>
public sealed class IdentityRecipientDirectory(UserStore users, string? contactEmail) : IRecipientDirectory
{
    public async Task<IReadOnlyList<string>> EmailsByRoleAsync(IReadOnlyCollection<string> roles, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(roles);
        var emails = new List<string>();
        foreach (var role in roles.Where(Roles.IsKnown))
        {
            var holders = await users.ListAsync(null, role, UserStatus.Active, 1000, ct);
            if (holders.Count == 0 && string.Equals(role, Roles.Owner, StringComparison.OrdinalIgnoreCase) && !string.IsNullOrWhiteSpace(contactEmail))
            {
                emails.Add(contactEmail);
            }

            emails.AddRange(holders.Select(u => u.Email));
        }

        return emails.Distinct(StringComparer.OrdinalIgnoreCase).ToList();
    }
}
