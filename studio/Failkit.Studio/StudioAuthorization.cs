using System.Security.Claims;
using Failkit.Workflows.Api.Access;
using Microsoft.AspNetCore.Authorization;

namespace Failkit.Studio;

/// <summary>Scheme and policy names the designer relies on. The identity work may redefine the policies; the names
/// are the contract.</summary>
public static class StudioAuthorization
{
    /// <summary>The short-lived bearer token the pages hand to the Elsa Studio elements.</summary>
    public const string TokenScheme = "studio";

    /// <summary>Required on the Elsa API group: a studio token (or another API scheme the host adds), never the cookie.</summary>
    public const string ApiPolicy = "failkit:elsa-api";

    /// <summary>The pages and the token route: the user's session cookie.</summary>
    public const string SessionPolicy = "failkit:studio-session";

    /// <summary>Save, publish, retract, revert, delete.</summary>
    public const string EditPolicy = "failkit:workflows:edit";

    /// <summary>Start, resume and cancel runs.</summary>
    public const string RunPolicy = "failkit:workflows:run";

    /// <summary>Roles that may change runbooks and run them; an auditor only reads.</summary>
    public static readonly string[] WriterRoles = ["owner", "admin", "operator"];

    /// <summary>The tenant plane carries the role in a short <c>role</c> claim; the framework's long claim type is
    /// accepted too.</summary>
    public static bool IsWriter(ClaimsPrincipal user) =>
        WriterRoles.Any(r => user.HasClaim("role", r) || user.IsInRole(r));
}

/// <summary>Answers the API's rights question with the host's authorization policies.</summary>
public sealed class PolicyWorkflowDefinitionPermissions(IAuthorizationService authorization) : IWorkflowDefinitionPermissions
{
    public async ValueTask<bool> CanEditAsync(ClaimsPrincipal user, CancellationToken ct) =>
        (await authorization.AuthorizeAsync(user, StudioAuthorization.EditPolicy)).Succeeded;

    public async ValueTask<bool> CanRunAsync(ClaimsPrincipal user, CancellationToken ct) =>
        (await authorization.AuthorizeAsync(user, StudioAuthorization.RunPolicy)).Succeeded;
}
