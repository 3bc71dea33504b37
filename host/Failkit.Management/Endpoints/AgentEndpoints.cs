using Failkit.Management.Ca;
using Failkit.Management.Reports;
using Failkit.Management.Tenants;
using Failkit.Management.Tokens;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;

namespace Failkit.Management.Endpoints;

public sealed record EnrollRequest(string? Token, string? Csr);

public sealed record EnrollResponse(string CertificateChain);

/// <summary>The agent-facing routes: enrollment with a bootstrap token, and metadata reports over mTLS. Kestrel must
/// ask for client certificates on this listener (<c>ClientCertificateMode.AllowCertificate</c>, since enrollment has
/// none yet); the check of the certificate itself happens here, against the CA's register.</summary>
public static class AgentEndpoints
{
    public static RouteGroupBuilder MapAgentEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/agent").WithTags("Agent").AllowAnonymous();
        group.MapPost("/enroll", EnrollAsync).WithName("EnrollAgent");
        group.MapPost("/reports", ReceiveReportAsync).WithName("ReceiveAgentReport");
        group.MapGet("/ca.crl", CrlAsync).WithName("GetAgentCaCrl");
        return group;
    }

    internal static async Task<Results<Ok<EnrollResponse>, ProblemHttpResult>> EnrollAsync(
        EnrollRequest body, BootstrapTokens tokens, TenantRegistry tenants, InternalCa ca, CancellationToken ct)
    {
        // The CSR is checked before the token is spent, so a malformed request does not burn a valid token.
        try
        {
            InternalCa.ReadCsrPublicKey(body.Csr ?? "");
        }
        catch (CsrRejectedException ex)
        {
            return TypedResults.Problem(ex.Message, statusCode: StatusCodes.Status400BadRequest, title: "CSR rejected");
        }

        var redemption = await tokens.RedeemAsync(body.Token ?? "", BootstrapTokenPurpose.Agent, ct);
        if (redemption.TenantId is not { } tenantId || await tenants.FindAsync(tenantId, ct) is not { } tenant)
        {
            return TypedResults.Problem(TokenRedemption.GenericFailureMessage, statusCode: StatusCodes.Status401Unauthorized,
                title: "Enrollment refused");
        }

        var issued = await ca.SignAgentCsrAsync(tenant.Id, tenant.Slug, body.Csr!, ct);
        return TypedResults.Ok(new EnrollResponse(issued.ChainPem));
    }

    internal static async Task<Results<Accepted, ProblemHttpResult>> ReceiveReportAsync(
        HttpContext context, InternalCa ca, IRecoveryPointSink sink, TimeProvider time, ILoggerFactory logs, CancellationToken ct)
    {
        var certificate = await context.Connection.GetClientCertificateAsync(ct);
        var check = await ca.CheckClientCertificateAsync(certificate, ct);
        if (!check.Accepted)
        {
            return TypedResults.Problem("a valid, unrevoked agent client certificate of an active tenant is required",
                statusCode: check.Failure == AgentCertificateFailure.Missing ? StatusCodes.Status401Unauthorized : StatusCodes.Status403Forbidden,
                title: "Client certificate refused");
        }

        if (context.Request.ContentLength > AgentMetadataReport.MaxBodyBytes)
        {
            return TooLarge();
        }

        var buffer = new byte[AgentMetadataReport.MaxBodyBytes + 1];
        var length = 0;
        int read;
        while (length < buffer.Length && (read = await context.Request.Body.ReadAsync(buffer.AsMemory(length), ct)) > 0)
        {
            length += read;
        }

        if (length > AgentMetadataReport.MaxBodyBytes)
        {
            return TooLarge();
        }

        if (AgentMetadataReport.Parse(buffer.AsSpan(0, length), out var problem, out var ignored) is not { } report)
        {
            return TypedResults.Problem(problem, statusCode: StatusCodes.Status400BadRequest, title: "Not a metadata report");
        }

        if (ignored.Count > 0)
        {
            logs.CreateLogger(typeof(AgentEndpoints)).LogWarning("Agent report from certificate {Serial} carried fields that were dropped: {Fields}",
                check.Serial, string.Join(", ", ignored));
        }

        // The tenant is the certificate's, from the register: nothing in the body can name another tenant.
        await sink.AcceptAsync(new ReceivedReport(check.TenantId!.Value, check.TenantSlug!, check.Serial!, time.GetUtcNow(), report), ct);
        return TypedResults.Accepted((string?)null);
    }

    internal static async Task<FileContentHttpResult> CrlAsync(InternalCa ca, CancellationToken ct) =>
        TypedResults.File(await ca.BuildCrlAsync(ct), "application/pkix-crl", "failkit-agent-ca.crl");

    private static ProblemHttpResult TooLarge() => TypedResults.Problem(
        $"a metadata report is at most {AgentMetadataReport.MaxBodyBytes} bytes", statusCode: StatusCodes.Status413PayloadTooLarge,
        title: "Report too large");
}
