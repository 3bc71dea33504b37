using System.Net;
using Failkit.Identity.Tests.Fixtures;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;

namespace Failkit.Identity.Tests;

/// <summary>Every endpoint of the tenant plane, called as anonymous and as each role. An endpoint missing from
/// <see cref="Expected"/> fails the test: a new route is closed until someone decides who may call it.</summary>
public sealed class RoleMatrixTests
{
    private const string Public = "public";
    private const string PlaneKey = "plane-key";

    /// <summary>Any signed-in user; anonymous callers are sent to the login page (302) rather than answered 401.</summary>
    private const string Session = "session";

    /// <summary>Signed-in users only, and only from the studio pages: the matrix sends no <c>X-Failkit-Studio</c>
    /// header, so every caller gets 403 after authentication (Failkit.Studio.Tests covers the successful path).</summary>
    private const string StudioPagesOnly = "studio-pages-only";

    /// <summary>Endpoint name → who may call it: <see cref="Public"/>, <see cref="PlaneKey"/> (management plane only)
    /// or a policy (its roles; everyone else 403, anonymous 401).</summary>
    private static readonly Dictionary<string, string> Expected = new(StringComparer.Ordinal)
    {
        ["Health"] = Public, ["LoginPage"] = Public, ["Login"] = Public, ["Logout"] = Public,
        ["BootstrapPage"] = Public, ["Bootstrap"] = Public, ["ForgotPasswordPage"] = Public, ["ForgotPassword"] = Public,
        ["ResetPasswordPage"] = Public, ["ResetPassword"] = Public, ["IssueToken"] = Public,

        ["SecurityTxt"] = Public, ["VulnerabilityDisclosure"] = Public,
        ["StudioScript"] = Public, ["StudioFiles"] = Public,
        ["SsoOidcStart"] = Public, ["SsoOidcCallback"] = Public, ["SsoSamlStart"] = Public, ["SsoSamlAcs"] = Public,
        ["SsoSamlMetadata"] = Public,

        ["InternalCreateApiClient"] = PlaneKey, ["InternalStartSupportSession"] = PlaneKey, ["ReceiveRecoveryPoint"] = PlaneKey,
        ["InternalIncidentRecipients"] = PlaneKey, ["InternalIncidentNotice"] = PlaneKey, ["InternalIncidentWebhooks"] = PlaneKey,

        ["StudioDefinitionList"] = Session, ["StudioDefinitionEditor"] = Session, ["StudioInstanceList"] = Session,
        ["StudioInstanceViewer"] = Session, ["StudioRunView"] = Session, ["IssueStudioToken"] = StudioPagesOnly,

        ["GetSsoOidcSettings"] = Policies.Manage, ["PutSsoOidcSettings"] = Policies.Manage,
        ["GetSsoSamlSettings"] = Policies.Manage, ["PutSsoSamlSettings"] = Policies.Manage,
        ["ListRecoveryPoints"] = Policies.Read, ["GetRecoveryPoint"] = Policies.Read,
        ["ListDrills"] = Policies.Read, ["GetDrill"] = Policies.Read, ["StartDrill"] = Policies.Operate,
        ["CancelDrill"] = Policies.Operate, ["ApproveDrill"] = Policies.Operate,
        ["ListProtectionGroups"] = Policies.Read, ["GetProtectionGroup"] = Policies.Read, ["CreateProtectionGroup"] = Policies.Manage,
        ["UpdateProtectionGroup"] = Policies.Manage, ["DeleteProtectionGroup"] = Policies.Manage,
        ["ListCloudAccounts"] = Policies.Read, ["CreateCloudAccount"] = Policies.Manage, ["DeleteCloudAccount"] = Policies.Manage,
        ["TestCloudAccount"] = Policies.Operate,
        ["ListTenantWebhooks"] = Policies.Manage, ["CreateTenantWebhook"] = Policies.Manage, ["DeleteTenantWebhook"] = Policies.Manage,
        ["TestTenantWebhook"] = Policies.Manage,
        ["GetActivityExecution"] = Policies.Read,
        ["GetDrillReportPdf"] = Policies.Read, ["GetDrillReportManifest"] = Policies.Read, ["GetDrillReportSignature"] = Policies.Read,
        ["ListReports"] = Policies.Read, ["ExportReports"] = Policies.Read, ["GetReportKeys"] = Public,
        ["RotateReportKey"] = Policies.Owner, ["GetRetention"] = Policies.Owner, ["PutRetention"] = Policies.Owner,

        ["ListUsers"] = Policies.Manage, ["GetUser"] = Policies.Manage, ["CreateUser"] = Policies.Manage,
        ["ChangeUserRole"] = Policies.Manage, ["DisableUser"] = Policies.Manage, ["EnableUser"] = Policies.Manage,
        ["DeleteUser"] = Policies.Manage, ["ListApiClients"] = Policies.Manage, ["GetApiClient"] = Policies.Manage,
        ["CreateApiClient"] = Policies.Manage, ["RevokeApiClient"] = Policies.Manage,
        ["ListSupportGrants"] = Policies.Owner, ["GetSupportGrant"] = Policies.Owner, ["CreateSupportGrant"] = Policies.Owner,
        ["RevokeSupportGrant"] = Policies.Owner,
        // Auditors read and export the log: they are its audience. ListAuditEvents is the older name of ListAudit.
        ["ListAudit"] = Policies.Audit, ["ExportAudit"] = Policies.Audit, ["ListAuditEvents"] = Policies.Audit,
        ["ListTenantIncidents"] = Policies.Read,

        // Elsa API: editing, publishing and running runbooks (operators and above, per the designer issue).
        ["SaveWorkflowDefinition"] = Policies.Operate, ["PublishWorkflowDefinition"] = Policies.Operate,
        ["RetractWorkflowDefinition"] = Policies.Operate, ["RevertWorkflowDefinition"] = Policies.Operate,
        ["DeleteWorkflowDefinition"] = Policies.Operate, ["DeleteWorkflowDefinitionVersion"] = Policies.Operate,
        ["BulkPublishWorkflowDefinitions"] = Policies.Operate, ["BulkRetractWorkflowDefinitions"] = Policies.Operate,
        ["BulkDeleteWorkflowDefinitions"] = Policies.Operate, ["BulkDeleteWorkflowDefinitionVersions"] = Policies.Operate,
        ["ExecuteWorkflowDefinition"] = Policies.Operate, ["DispatchWorkflowDefinition"] = Policies.Operate,
        ["ResumeWorkflowInstance"] = Policies.Operate, ["CancelWorkflowInstance"] = Policies.Operate, ["TriggerEvent"] = Policies.Operate,
        // Elsa API: deleting run history.
        ["DeleteWorkflowInstance"] = Policies.Manage,
        // Elsa API: reads.
        ["GetWorkflowDefinitionByDefinitionId"] = Policies.Read, ["GetWorkflowDefinitionById"] = Policies.Read,
        ["ListWorkflowDefinitions"] = Policies.Read, ["IsWorkflowDefinitionNameUnique"] = Policies.Read,
        ["ListWorkflowInstances"] = Policies.Read, ["GetWorkflowInstance"] = Policies.Read,
        ["GetWorkflowInstanceVariables"] = Policies.Read, ["GetWorkflowInstanceExecutionState"] = Policies.Read,
        ["GetWorkflowInstanceJournal"] = Policies.Read, ["FilterWorkflowInstanceJournal"] = Policies.Read,
        ["ListActivityExecutions"] = Policies.Read, ["ListActivityExecutionSummaries"] = Policies.Read,
        ["GetActivityExecutionReport"] = Policies.Read, ["ListActivityDescriptors"] = Policies.Read,
        ["ListExpressionDescriptors"] = Policies.Read, ["ListWorkflowActivationStrategies"] = Policies.Read,
        ["ListLogPersistenceStrategies"] = Policies.Read, ["ListIncidentStrategies"] = Policies.Read,
        ["ListWorkflowCommitStrategies"] = Policies.Read, ["ListActivityCommitStrategies"] = Policies.Read,
        ["ListVariableTypes"] = Policies.Read, ["ListStorageDrivers"] = Policies.Read, ["ListUnknownDescriptors"] = Policies.Read,
        ["ListInstalledFeatures"] = Policies.Read, ["GetJavaScriptTypeDefinitions"] = Policies.Read,
    };

    [Fact]
    public async Task EveryEndpoint_AsEveryRole_GetsTheExpectedStatus()
    {
        await using var plane = await TenantPlane.StartAsync("matrix");
        var endpoints = Endpoints(plane);
        var unlisted = endpoints.Where(e => e.Name is null || !Expected.ContainsKey(e.Name)).Select(e => $"{e.Method} {e.Pattern} ({e.Name ?? "no name"})").ToList();
        Assert.True(unlisted.Count == 0, "Endpoints missing from the role matrix (decide who may call them, then list them):\n" + string.Join('\n', unlisted));
        var stale = Expected.Keys.Except(endpoints.Select(e => e.Name!), StringComparer.Ordinal).ToList();
        Assert.True(stale.Count == 0, "Listed but not mapped: " + string.Join(", ", stale));

        var callers = new Dictionary<string, Browser?> { ["anonymous"] = null };
        foreach (var role in Roles.All)
        {
            callers[role] = await plane.SignedInAsync(role);
        }

        using var anonymous = plane.Browser();
        var failures = new List<string>();
        foreach (var e in endpoints)
        {
            foreach (var (who, browser) in callers)
            {
                var status = (int)(await (browser ?? anonymous).SendAsync(new HttpMethod(e.Method), e.Url, e.Method is "POST" or "PUT" ? new { } : null)).StatusCode;
                var expected = Expectation(Expected[e.Name!], who);
                if (!expected.Matches(status))
                {
                    failures.Add($"{e.Method} {e.Url} as {who}: {status}, expected {expected}");
                }
            }
        }

        foreach (var browser in callers.Values)
        {
            browser?.Dispose();
        }

        Assert.True(failures.Count == 0, string.Join('\n', failures));
    }

    private static Outcome Expectation(string access, string who) => access switch
    {
        Public => Outcome.Through,
        PlaneKey => Outcome.Status(401),
        Session => who == "anonymous" ? Outcome.Status(302) : Outcome.Through,
        StudioPagesOnly => who == "anonymous" ? Outcome.Status(401) : Outcome.Status(403),
        _ when who == "anonymous" => Outcome.Status(401),
        _ => Policies.RolesByPolicy[access].Contains(who) ? Outcome.Through : Outcome.Status(403),
    };

    private sealed record Outcome(int? Exact)
    {
        /// <summary>Got past authorization and did not fail: anything but 401, 403 and 5xx.</summary>
        public static Outcome Through { get; } = new((int?)null);

        public static Outcome Status(int code) => new(code);

        public bool Matches(int status) => Exact is { } code ? status == code : status is not (401 or 403) && status < 500;

        public override string ToString() => Exact?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "not 401/403/5xx";
    }

    private sealed record Endpoint(string? Name, string Method, string Pattern, string Url);

    private static List<Endpoint> Endpoints(TenantPlane plane) =>
        plane.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            // The portal's pages, circuit hub and static files: session pages whose access Failkit.Portal.Tests covers.
            .Where(e => e.Metadata.GetMetadata<Failkit.Portal.PortalEndpointMetadata>() is null)
            // MapStaticAssets' development-time fallback for files outside the manifest takes no conventions.
            .Where(e => e.RoutePattern.RawText != "{**path:file}")
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET"]).Select(m =>
                new Endpoint(e.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName, m, e.RoutePattern.RawText ?? "", Url(e.RoutePattern))))
            .ToList();

    /// <summary>A concrete URL: each parameter gets a value its constraint accepts and that names nothing existing.</summary>
    private static string Url(RoutePattern pattern) =>
        "/" + string.Join('/', pattern.PathSegments.Select(s => string.Concat(s.Parts.Select(p => p switch
        {
            RoutePatternLiteralPart l => l.Content,
            RoutePatternSeparatorPart sep => sep.Content,
            RoutePatternParameterPart { IsCatchAll: true } => "x",
            RoutePatternParameterPart prm when prm.ParameterPolicies.Any(c => c.Content == "guid") => Guid.NewGuid().ToString(),
            RoutePatternParameterPart prm when prm.ParameterPolicies.Any(c => c.Content == "int") => "1",
            _ => "matrix-test",
        }))));
}
