using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Failkit.Tenancy;

/// <summary>Sets <c>app.current_tenant</c> each time EF Core opens a connection, for contexts whose connection
/// string was not scoped with <see cref="TenantConnectionStrings.Scope"/>. Session-level (<c>false</c>), because
/// the value must outlive EF's transactions; the pool's DISCARD ALL clears it before the next borrower.</summary>
public sealed class TenantConnectionInterceptor(TenantSlug slug) : DbConnectionInterceptor
{
    private const string Sql = "SELECT set_config('app.current_tenant', @t, false)";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        ArgumentNullException.ThrowIfNull(connection);
        using var cmd = Command(connection);
        cmd.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        await using var cmd = Command(connection);
        await cmd.ExecuteNonQueryAsync(cancellationToken);
    }

    private DbCommand Command(DbConnection connection)
    {
        var cmd = connection.CreateCommand();
        cmd.CommandText = Sql;
        var p = cmd.CreateParameter();
        p.ParameterName = "t";
        p.Value = slug.Value;
        cmd.Parameters.Add(p);
        return cmd;
    }
}

public static class TenantDbContextOptionsExtensions
{
    /// <summary>Scopes every connection this context opens to <paramref name="slug"/>.</summary>
    public static DbContextOptionsBuilder UseTenant(this DbContextOptionsBuilder builder, TenantSlug slug) =>
        builder.AddInterceptors(new TenantConnectionInterceptor(slug));

    /// <inheritdoc cref="UseTenant(DbContextOptionsBuilder, TenantSlug)"/>
    public static DbContextOptionsBuilder<TContext> UseTenant<TContext>(this DbContextOptionsBuilder<TContext> builder, TenantSlug slug)
        where TContext : DbContext =>
        builder.AddInterceptors(new TenantConnectionInterceptor(slug));
}
