using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Failkit.Management.OAuth;

/// <summary>Creates OpenIddict's tables from the EF model when they are missing. EnsureCreated would do nothing here,
/// because the management database already has tables; the model's own create script is used instead, under an
/// advisory lock so replicas starting together create them once.</summary>
internal static class OpenIddictSchema
{
    /// <summary>"fkoidc" in ASCII.</summary>
    private const long LockKey = 0x666b6f696463;

    public static async Task EnsureAsync(IServiceProvider services, string connectionString, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var context = scope.ServiceProvider.GetRequiredService<PlatformOAuthDbContext>();
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync(ct);
        await Execute(conn, $"SELECT pg_advisory_lock({LockKey})", ct);
        try
        {
            await using var exists = new NpgsqlCommand($"SELECT to_regclass('{PlatformOAuthDbContext.Schema}.\"OpenIddictApplications\"') IS NOT NULL", conn);
            if (await exists.ExecuteScalarAsync(ct) is true)
            {
                return;
            }

            await using var tx = await conn.BeginTransactionAsync(ct);
            await Execute(conn, context.Database.GenerateCreateScript(), ct);
            await tx.CommitAsync(ct);
        }
        finally
        {
            await Execute(conn, $"SELECT pg_advisory_unlock({LockKey})", CancellationToken.None);
        }
    }

    private static async Task Execute(NpgsqlConnection conn, string sql, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(sql, conn);
        await cmd.ExecuteNonQueryAsync(ct);
    }
}
