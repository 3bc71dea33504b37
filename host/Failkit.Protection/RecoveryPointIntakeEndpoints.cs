using Failkit.Tenancy;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;

namespace Failkit.Protection;

/// <summary>The management plane's route into this tenant plane for agent reports
/// (docs/decisions/planes-internal-api.md). Guarded by the plane key; the gateway never routes <c>/internal/</c>.</summary>
public static class RecoveryPointIntakeEndpoints
{
    public static RouteGroupBuilder MapRecoveryPointIntakeEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/internal/recovery-points").WithTags("Internal").AllowAnonymous().RequirePlaneKey();
        group.MapPost("", ReceiveAsync).WithName("ReceiveRecoveryPoint");
        return group;
    }

    internal static async Task<Results<Created<RecoveryPoint>, Ok<RecoveryPoint>, ValidationProblem, ProblemHttpResult>> ReceiveAsync(
        HttpContext context, RecoveryPointStore store, ILoggerFactory logs, CancellationToken ct)
    {
        if (context.Request.ContentLength > RecoveryPointReport.MaxBodyBytes)
        {
            return TooLarge();
        }

        // Read at most one byte past the limit, whatever Content-Length claimed (or when it is absent).
        var buffer = new byte[RecoveryPointReport.MaxBodyBytes + 1];
        var length = 0;
        int read;
        while (length < buffer.Length && (read = await context.Request.Body.ReadAsync(buffer.AsMemory(length), ct)) > 0)
        {
            length += read;
        }

        if (length > RecoveryPointReport.MaxBodyBytes)
        {
            return TooLarge();
        }

        if (RecoveryPointReport.Parse(buffer.AsSpan(0, length), out var errors) is not { } report)
        {
            return TypedResults.ValidationProblem(errors, title: "Not a recovery point report");
        }

        var (outcome, point) = await store.RecordAsync(report, ct);
        switch (outcome)
        {
            case RecordOutcome.Created:
                return TypedResults.Created($"/api/recovery-points/{point.Id}", point);
            case RecordOutcome.Duplicate:
                return TypedResults.Ok(point);
            default:
                logs.CreateLogger(typeof(RecoveryPointIntakeEndpoints)).LogWarning(
                    "Recovery point {PointId} of disk {Disk} was reported again with different metadata; the stored one is kept",
                    report.PointId, report.Disk);
                return TypedResults.Problem($"disk '{report.Disk}' already has recovery point '{report.PointId}' with different metadata",
                    statusCode: StatusCodes.Status409Conflict, title: "Recovery point conflict");
        }
    }

    private static ProblemHttpResult TooLarge() => TypedResults.Problem(
        $"a recovery point report is at most {RecoveryPointReport.MaxBodyBytes} bytes", statusCode: StatusCodes.Status413PayloadTooLarge,
        title: "Report too large");
}
