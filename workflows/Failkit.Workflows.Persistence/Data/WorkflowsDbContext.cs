using System.Text;
using Microsoft.EntityFrameworkCore;

namespace Failkit.Workflows.Persistence.Data;

/// <summary>The read side: instance lists, journal reads, definition lists. The schema itself is owned by the SQL
/// migrations, not by EF, so this model only maps what already exists.</summary>
public sealed class WorkflowsDbContext(DbContextOptions<WorkflowsDbContext> options) : DbContext(options)
{
    public DbSet<InstanceRow> Instances => Set<InstanceRow>();

    public DbSet<JournalRow> Journal => Set<JournalRow>();

    public DbSet<DefinitionRow> Definitions => Set<DefinitionRow>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.HasDefaultSchema("workflows");
        modelBuilder.Entity<InstanceRow>().ToTable("instances");
        modelBuilder.Entity<JournalRow>().ToTable("journal");
        modelBuilder.Entity<DefinitionRow>().ToTable("definitions");
        foreach (var entity in modelBuilder.Model.GetEntityTypes())
        {
            foreach (var property in entity.GetProperties())
            {
                property.SetColumnName(SnakeCase(property.Name));
            }
        }

        modelBuilder.Entity<InstanceRow>(e =>
        {
            e.Property(r => r.Incidents).HasColumnType("jsonb");
            e.Property(r => r.State).HasColumnType("jsonb");
        });
        modelBuilder.Entity<JournalRow>(e =>
        {
            e.Property(r => r.Inputs).HasColumnType("jsonb");
            e.Property(r => r.Outputs).HasColumnType("jsonb");
            e.Property(r => r.Outcomes).HasColumnType("jsonb");
        });
        modelBuilder.Entity<DefinitionRow>().Property(r => r.Data).HasColumnType("jsonb");
    }

    private static string SnakeCase(string name)
    {
        var sb = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0)
            {
                sb.Append('_');
            }

            sb.Append(char.ToLowerInvariant(name[i]));
        }

        return sb.ToString();
    }
}
