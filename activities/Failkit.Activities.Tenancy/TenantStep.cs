using Failkit.Management.Planes;
using Failkit.Management.Tenants;
using Failkit.Tenancy;
using Failkit.Workflows.Core;

namespace Failkit.Activities.Tenancy;

/// <summary>What every onboarding step starts from: the validated slug, and the tenant's database described with its
/// derived passwords (nothing secret passes through the workflow's state or journal).</summary>
internal static class TenantStep
{
    public static TenantSlug Slug(ActivityExecutionContext context, Input<string> slug) => TenantSlug.Parse(context.Get(slug));

    public static async Task<TenantDatabase> DatabaseAsync(ActivityExecutionContext context, TenantSlug slug)
    {
        var passwords = await context.GetRequiredService<TenantCredentials>().PasswordsAsync(slug, context.CancellationToken);
        return context.GetRequiredService<TenantDatabaseProvisioner>().Describe(slug, passwords);
    }

    public static async Task<Tenant> TenantAsync(ActivityExecutionContext context, TenantSlug slug) =>
        await context.GetRequiredService<TenantRegistry>().FindAsync(slug.Value, context.CancellationToken)
            ?? throw new InvalidOperationException($"Tenant '{slug}' is not in the registry.");
}
