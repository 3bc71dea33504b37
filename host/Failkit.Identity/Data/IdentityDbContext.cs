using Microsoft.EntityFrameworkCore;

namespace Failkit.Identity.Data;

/// <summary>OpenIddict's stores. The tables come from the SQL migration <c>0002_openiddict.sql</c>, never from EF
/// (the app role may not create tables); this maps the model onto them.</summary>
public sealed class IdentityDbContext(DbContextOptions<IdentityDbContext> options) : DbContext(options)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        modelBuilder.UseOpenIddict();
        modelBuilder.HasDefaultSchema("identity");
        foreach (var entity in modelBuilder.Model.GetEntityTypes())
        {
            entity.SetTableName(entity.GetTableName()!.Replace("OpenIddict", "openiddict_", StringComparison.Ordinal).ToLowerInvariant());
        }
    }
}
