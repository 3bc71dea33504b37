using Microsoft.EntityFrameworkCore;

namespace Failkit.Management.OAuth;

/// <summary>OpenIddict's store (applications, authorizations, scopes, tokens) in the management database, schema
/// <c>openiddict</c>. It holds platform-operator API clients only; no customer data.</summary>
public sealed class PlatformOAuthDbContext(DbContextOptions<PlatformOAuthDbContext> options) : DbContext(options)
{
    public const string Schema = "openiddict";

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        modelBuilder.HasDefaultSchema(Schema);
        base.OnModelCreating(modelBuilder);
    }
}
