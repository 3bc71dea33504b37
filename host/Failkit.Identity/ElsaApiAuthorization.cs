using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Failkit.Identity;

/// <summary>Roles on the Elsa-compatible API, by endpoint name: editing, publishing and running runbooks need
/// owner/admin/operator; deleting run history needs owner/admin; everything else reads.
/// An endpoint this table does not name falls back by method (GET → read, anything else → manage), so a new write
/// route is never open to operators or auditors by accident; the role-matrix test lists every one explicitly.</summary>
public static class ElsaApiAuthorization
{
    /// <summary>Deleting run history is an administrator's call.</summary>
    public static IReadOnlySet<string> ManageEndpoints { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "DeleteWorkflowInstance",
    };

    /// <summary>Operators and above edit runbooks (the designer issue) and run them; auditors only read.</summary>
    public static IReadOnlySet<string> OperateEndpoints { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "SaveWorkflowDefinition", "PublishWorkflowDefinition", "RetractWorkflowDefinition", "RevertWorkflowDefinition",
        "DeleteWorkflowDefinition", "DeleteWorkflowDefinitionVersion", "BulkPublishWorkflowDefinitions",
        "BulkRetractWorkflowDefinitions", "BulkDeleteWorkflowDefinitions", "BulkDeleteWorkflowDefinitionVersions",
        "ExecuteWorkflowDefinition", "DispatchWorkflowDefinition", "ResumeWorkflowInstance", "CancelWorkflowInstance",
        "TriggerEvent",
    };

    /// <summary>POST routes that only read (queries with a body).</summary>
    public static IReadOnlySet<string> ReadingPosts { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "ListWorkflowInstances", "FilterWorkflowInstanceJournal", "GetActivityExecutionReport", "GetJavaScriptTypeDefinitions",
    };

    public static TBuilder RequireTenantRoles<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder
    {
        // Finally: the endpoint's own conventions (its name among them) have run by then.
        ((IEndpointConventionBuilder)builder).Finally(endpoint =>
        {
            var name = endpoint.Metadata.OfType<IEndpointNameMetadata>().LastOrDefault()?.EndpointName;
            var methods = endpoint.Metadata.OfType<IHttpMethodMetadata>().LastOrDefault()?.HttpMethods ?? [];
            endpoint.Metadata.Add(new Microsoft.AspNetCore.Authorization.AuthorizeAttribute(PolicyFor(name, methods)));
        });
        return builder;
    }

    public static string PolicyFor(string? name, IReadOnlyList<string> methods)
    {
        ArgumentNullException.ThrowIfNull(methods);
        if (name is not null && ManageEndpoints.Contains(name))
        {
            return Policies.Manage;
        }

        if (name is not null && OperateEndpoints.Contains(name))
        {
            return Policies.Operate;
        }

        return methods.All(m => HttpMethods.IsGet(m) || HttpMethods.IsHead(m)) || (name is not null && ReadingPosts.Contains(name))
            ? Policies.Read
            : Policies.Manage;
    }
}
