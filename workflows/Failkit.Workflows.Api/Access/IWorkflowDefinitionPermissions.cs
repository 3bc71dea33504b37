using System.Security.Claims;

namespace Failkit.Workflows.Api.Access;

/// <summary>What a caller may do through the API. The Studio only reads <c>links</c> to decide what is editable, so
/// the same answer both shapes the links and guards the write routes.</summary>
public interface IWorkflowDefinitionPermissions
{
    /// <summary>Save, publish, retract, revert and delete definitions; delete instances.</summary>
    ValueTask<bool> CanEditAsync(ClaimsPrincipal user, CancellationToken ct);

    /// <summary>Start, dispatch, resume and cancel instances, and publish events.</summary>
    ValueTask<bool> CanRunAsync(ClaimsPrincipal user, CancellationToken ct);
}

/// <summary>The default when the host configures no authorization: every caller has every right, as before the API
/// had callers.</summary>
public sealed class FullWorkflowDefinitionPermissions : IWorkflowDefinitionPermissions
{
    public ValueTask<bool> CanEditAsync(ClaimsPrincipal user, CancellationToken ct) => ValueTask.FromResult(true);

    public ValueTask<bool> CanRunAsync(ClaimsPrincipal user, CancellationToken ct) => ValueTask.FromResult(true);
}
