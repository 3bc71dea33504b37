using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Failkit.LocalPostgres;

/// <summary>
/// A PostgreSQL cluster run from the installed binaries: the embedded default of <c>failkit up</c> and the
/// throwaway database server of the tests. As root it runs the server as the <c>postgres</c> user through runuser,
/// because PostgreSQL refuses to run as root.
/// </summary>
public sealed class LocalCluster : IAsyncDisposable
{
    private readonly string _bin;
    private readonly string _dataDir;
    private readonly bool _throwaway;
    private bool _stopped;

    private LocalCluster(string bin, string dataDir, int port, bool throwaway)
    {
        _bin = bin;
        _dataDir = dataDir;
        Port = port;
        _throwaway = throwaway;
    }

    public int Port { get; }

    public string DataDirectory => _dataDir;

    /// <summary>Connection string of the superuser on the given database.</summary>
    public string ConnectionString(string database = "postgres") =>
        new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1",
            Port = Port,
            Username = "postgres",
            Database = database,
            Pooling = true,
            MaxPoolSize = 100,
        }.ConnectionString;

    /// <summary>A cluster in a fresh temporary folder, tuned for tests (no fsync), deleted on dispose.</summary>
    public static Task<LocalCluster> StartThrowawayAsync(CancellationToken ct = default)
    {
        var dir = Path.Combine(Path.GetTempPath(), "failkit-pg-" + Guid.NewGuid().ToString("N")[..12]);
        return StartAsync(dir, port: null, throwaway: true, ct);
    }

    /// <summary>Starts (creating it on first use) the cluster whose data lives in <paramref name="dataDir"/>.</summary>
    public static async Task<LocalCluster> StartAsync(string dataDir, int? port, bool throwaway, CancellationToken ct = default)
    {
        var bin = PostgresBinaries.Locate();
        var asRoot = Environment.UserName == "root";
        Directory.CreateDirectory(dataDir);
        if (asRoot)
        {
            await RunAsync("chown", ["postgres:postgres", dataDir], ct);
            await RunAsync("chmod", ["700", dataDir], ct);
        }

        var cluster = new LocalCluster(bin, dataDir, port ?? FreePort(), throwaway);
        if (!File.Exists(Path.Combine(dataDir, "PG_VERSION")))
        {
            await cluster.PgAsync("initdb", ["-D", dataDir, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-locale", "--no-sync"], ct);
        }

        var settings = $"-c listen_addresses=127.0.0.1 -p {cluster.Port} -k {dataDir} -c max_connections=300 -c shared_buffers=256MB";
        if (throwaway)
        {
            settings += " -c fsync=off -c synchronous_commit=off -c full_page_writes=off";
        }

        await cluster.PgAsync("pg_ctl", ["-D", dataDir, "-l", Path.Combine(dataDir, "server.log"), "-w", "-t", "60", "-o", settings, "start"], ct);
        return cluster;
    }

    public async Task StopAsync()
    {
        if (_stopped)
        {
            return;
        }

        _stopped = true;
        NpgsqlConnection.ClearAllPools();
        await PgAsync("pg_ctl", ["-D", _dataDir, "-m", "fast", "-w", "stop"], CancellationToken.None);
        if (_throwaway)
        {
            try
            {
                Directory.Delete(_dataDir, recursive: true);
            }
            catch (IOException)
            {
                // A leftover temp folder is harmless; failing the test run over it is not.
            }
        }
    }

    public async ValueTask DisposeAsync() => await StopAsync();

    private Task PgAsync(string tool, string[] args, CancellationToken ct)
    {
        var exe = Path.Combine(_bin, tool);
        return Environment.UserName == "root"
            ? RunAsync("runuser", ["-u", "postgres", "--", exe, .. args], ct)
            : RunAsync(exe, args, ct);
    }

    private static async Task RunAsync(string file, string[] args, CancellationToken ct)
    {
        var psi = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        using var p = Process.Start(psi) ?? throw new InvalidOperationException($"could not start {file}");
        var stdout = p.StandardOutput.ReadToEndAsync(ct);
        var stderr = p.StandardError.ReadToEndAsync(ct);
        await p.WaitForExitAsync(ct);
        if (p.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"{Path.GetFileName(file)} {string.Join(' ', args)} exited with {p.ExitCode}: {await stderr}{await stdout}");
        }
    }

    private static int FreePort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }
}
