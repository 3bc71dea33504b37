namespace Failkit.LocalPostgres;

/// <summary>Finds the installed PostgreSQL server binaries (initdb, pg_ctl).</summary>
public static class PostgresBinaries
{
    public const string InstallHint = "apt-get update && apt-get install -y postgresql-15";

    public static string Locate()
    {
        var configured = Environment.GetEnvironmentVariable("FAILKIT_PG_BIN");
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return HasServer(configured)
                ? configured
                : throw new InvalidOperationException($"FAILKIT_PG_BIN={configured} holds no initdb/pg_ctl.");
        }

        const string root = "/usr/lib/postgresql";
        if (Directory.Exists(root))
        {
            var best = Directory.GetDirectories(root)
                .Select(d => (dir: Path.Combine(d, "bin"), version: int.TryParse(Path.GetFileName(d), out var v) ? v : 0))
                .Where(x => HasServer(x.dir))
                .OrderByDescending(x => x.version)
                .FirstOrDefault();
            if (best.dir is not null)
            {
                return best.dir;
            }
        }

        throw new InvalidOperationException(
            $"PostgreSQL server binaries (initdb, pg_ctl) were not found under {root}. Install them with: {InstallHint}");
    }

    private static bool HasServer(string dir) =>
        File.Exists(Path.Combine(dir, "initdb")) && File.Exists(Path.Combine(dir, "pg_ctl"));
}
