namespace Failkit.Orchestration;

/// <summary>What an orchestrator needs to run one tenant plane.</summary>
/// <param name="Slug">The tenant's DNS label (<see cref="TenantSlug"/>).</param>
/// <param name="ConnectionString">The tenant database, as the application role. It holds a password, so drivers pass it
/// only through the environment or a Secret, and <see cref="ToString"/> never prints it.</param>
/// <param name="Image">The container image (Kubernetes driver); null means the driver's default.</param>
/// <param name="Args">Extra host arguments, appended after the ones the driver sets.</param>
public sealed record TenantWorkload(string Slug, string ConnectionString, string? Image = null, IReadOnlyList<string>? Args = null)
{
    public IReadOnlyList<string> HostArgs => Args ?? [];

    // Records print every property; the connection string must not end up in a log line or an assertion message.
    private bool PrintMembers(System.Text.StringBuilder builder)
    {
        builder.Append($"Slug = {Slug}, ConnectionString = ***, Image = {Image}, Args = [{string.Join(' ', HostArgs)}]");
        return true;
    }
}
