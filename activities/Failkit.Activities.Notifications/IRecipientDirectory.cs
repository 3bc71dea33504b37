namespace Failkit.Activities.Notifications;

/// <summary>The plane's users by role: on a tenant plane, the tenant's active users (the identity module).</summary>
public interface IRecipientDirectory
{
    /// <summary>The email addresses of the active users holding any of <paramref name="roles"/>, without duplicates.</summary>
    Task<IReadOnlyList<string>> EmailsByRoleAsync(IReadOnlyCollection<string> roles, CancellationToken ct);
}
