using System.Text.Json;
using Failkit.Workflows.Api.Access;
using Failkit.Workflows.Api.Definitions;
using Failkit.Workflows.Api.Descriptors;
using Failkit.Workflows.Api.Execution;
using Failkit.Workflows.Api.Http;
using Failkit.Workflows.Api.Instances;
using Failkit.Workflows.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Failkit.Workflows.Api;

/// <summary>Registration and mapping of the Elsa-3-compatible REST API that Elsa Studio talks to.</summary>
public static class ElsaApiExtensions
{
    /// <summary>Problem details, the API's services, and the Elsa JSON conventions (camelCase, enums as strings,
    /// nulls omitted) for minimal-API results. The JSON options are the host's global HTTP JSON options.</summary>
    public static IServiceCollection AddElsaApi(this IServiceCollection services, Action<ElsaApiOptions>? configure = null)
    {
        var options = new ElsaApiOptions();
        configure?.Invoke(options);
        services.AddSingleton(options);
        services.AddSingleton<DefinitionGuard>();
        services.AddSingleton<JournalMapper>();
        // A host with authorization replaces this; without it every caller keeps full rights.
        services.TryAddSingleton<IWorkflowDefinitionPermissions, FullWorkflowDefinitionPermissions>();
        services.AddProblemDetails();
        services.ConfigureHttpJsonOptions(o => WorkflowJson.Apply(o.SerializerOptions));
        return services;
    }

    /// <summary>Maps every route under <paramref name="prefix"/>. Errors of these routes become RFC 7807 problem
    /// details here, so the host needs no exception-handling middleware for them.</summary>
    public static RouteGroupBuilder MapElsaApi(this IEndpointRouteBuilder app, string prefix = "/elsa/api")
    {
        var api = app.MapGroup(prefix);
        api.MapDefinitionReadEndpoints();
        api.MapDefinitionWriteEndpoints();
        api.MapBulkDefinitionEndpoints();
        api.MapExecutionEndpoints();
        api.MapInstanceEndpoints();
        api.MapJournalEndpoints();
        api.MapDescriptorEndpoints();
        // Finally conventions run after the framework has built each endpoint's request delegate, so the wrapper sees
        // binding errors too.
        ((IEndpointConventionBuilder)api).Finally(ApiErrors.Wrap);
        return api;
    }
}
