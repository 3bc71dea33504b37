using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Failkit.Protection;

/// <summary>The tenant's recovery points, read-only. Any role may read them; the host adds its authorization
/// policy to the returned group.</summary>
public static class RecoveryPointEndpoints
{
    public const int DefaultLimit = 100;

    public static RouteGroupBuilder MapRecoveryPointEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/recovery-points").WithTags("Recovery points");
        group.MapGet("", ListAsync).WithName("ListRecoveryPoints");
        group.MapGet("/{id:guid}", GetAsync).WithName("GetRecoveryPoint");
        return group;
    }

    // The query values arrive as strings and are parsed here, so a bad one is a 400 problem naming the parameter
    // rather than the framework's bare binding failure.
    internal static async Task<Results<Ok<IReadOnlyList<RecoveryPoint>>, ValidationProblem>> ListAsync(
        string? disk, string? since, string? limit, RecoveryPointQueries queries, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (disk is not null && (string.IsNullOrWhiteSpace(disk) || disk.Length > 200))
        {
            errors["disk"] = ["disk must be 1-200 characters"];
        }

        DateTimeOffset? from = null;
        if (since is not null)
        {
            if (DateTimeOffset.TryParse(since, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
            {
                from = parsed;
            }
            else
            {
                errors["since"] = ["since must be an ISO 8601 timestamp"];
            }
        }

        var take = DefaultLimit;
        if (limit is not null && (!int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out take) || take < 1 || take > RecoveryPointQueries.MaxLimit))
        {
            errors["limit"] = [$"limit must be a whole number from 1 to {RecoveryPointQueries.MaxLimit}"];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        return TypedResults.Ok(await queries.ListAsync(disk, from, take, ct));
    }

    internal static async Task<Results<Ok<RecoveryPoint>, NotFound>> GetAsync(Guid id, RecoveryPointQueries queries, CancellationToken ct) =>
        await queries.FindAsync(id, ct) is { } point ? TypedResults.Ok(point) : TypedResults.NotFound();
}
