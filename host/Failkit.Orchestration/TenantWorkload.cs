namespace Failkit.Orchestration;

/// <summary>What an orchestrator needs to run one tenant plane.</summary>
/// <param name="Slug">The tenant's DNS label (<see cref="TenantSlug"/>).</param>
/// <param name="ConnectionString">The tenant database, as the application role. It holds a password, so drivers pass it
/// only through the environment or a Secret, and <see cref="ToString"/> never prints it.</param>
/// <param name="Image">The container image (Kubernetes driver); null means the driver's default.</param>
/// <param name="Args">Extra host arguments, appended after the ones the driver sets.</param>
/// <param name="Settings">Host configuration by key (<c>Failkit:Management:PlaneKey</c>...). Some are secrets, so drivers
/// pass them like the connection string: environment or Secret, never the command line, never printed.</param>
public sealed record TenantWorkload(
    string Slug, string ConnectionString, string? Image = null, IReadOnlyList<string>? Args = null, IReadOnlyDictionary<string, string>? Settings = null)
{
    public IReadOnlyList<string> HostArgs => Args ?? [];

    public IReadOnlyDictionary<string, string> HostSettings => Settings ?? new Dictionary<string, string>();

    /// <summary>A configuration key as an environment variable name (<c>:</c> becomes <c>__</c>).</summary>
    public static string EnvironmentName(string key) => key.Replace(":", "__", StringComparison.Ordinal);

    // Records print every property; the connection string must not end up in a log line or an assertion message.
    private bool PrintMembers(System.Text.StringBuilder builder)
    {
        builder.Append($"Slug = {Slug}, ConnectionString = ***, Image = {Image}, Args = [{string.Join(' ', HostArgs)}], Settings = [{string.Join(' ', HostSettings.Keys)}]");
        return true;
    }
}
