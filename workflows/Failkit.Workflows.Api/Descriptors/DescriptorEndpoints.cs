using Failkit.Workflows.Api.Http;
using Failkit.Workflows.Core;
using Failkit.Workflows.Core.Model;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Failkit.Workflows.Api.Descriptors;

/// <summary>The descriptor lists the Studio loads at start-up. Any descriptor GET it asks for that we lack gets an
/// empty list: a 404 on any of them crashes the editor.</summary>
public static class DescriptorEndpoints
{
    public static IEndpointRouteBuilder MapDescriptorEndpoints(this IEndpointRouteBuilder api)
    {
        var d = api.MapGroup("/descriptors").WithTags("Descriptors");
        d.MapGet("/activities", (ActivityRegistry registry) => Count(registry.Descriptors.ToList())).WithName("ListActivityDescriptors");
        d.MapGet("/expression-descriptors", () => Count(StaticDescriptors.Expressions)).WithName("ListExpressionDescriptors");
        d.MapGet("/workflow-activation-strategies", () => Items(StaticDescriptors.ActivationStrategies)).WithName("ListWorkflowActivationStrategies");
        d.MapGet("/log-persistence-strategies", () => Items<StrategyDescriptor>([])).WithName("ListLogPersistenceStrategies");
        d.MapGet("/incident-strategies", () => Items(StaticDescriptors.IncidentStrategies)).WithName("ListIncidentStrategies");
        d.MapGet("/commit-strategies/workflows", () => Items(StaticDescriptors.WorkflowCommitStrategies)).WithName("ListWorkflowCommitStrategies");
        // The engine has no per-activity commit strategy, so none is offered.
        d.MapGet("/commit-strategies/activities", () => Items<CommitStrategyDescriptor>([])).WithName("ListActivityCommitStrategies");
        d.MapGet("/variables", () => Items(StaticDescriptors.VariableTypes)).WithName("ListVariableTypes");
        d.MapGet("/storage-drivers", () => Items(StaticDescriptors.StorageDrivers)).WithName("ListStorageDrivers");
        d.MapGet("/{**rest}", () => Items<object>([])).WithName("ListUnknownDescriptors");

        // No optional Elsa feature is installed: an empty list turns off resilience, real-time updates and alterations.
        api.MapGet("/features/installed", () => Count<FeatureDescriptor>([])).WithName("ListInstalledFeatures").WithTags("Descriptors");
        api.MapPost("/scripting/javascript/type-definitions/{definitionId}", (string definitionId) =>
                TypedResults.Text(StaticDescriptors.JavaScriptTypeDefinitions, "text/plain"))
            .WithName("GetJavaScriptTypeDefinitions").WithTags("Descriptors");
        return api;
    }

    private static Ok<ListResponse<T>> Count<T>(IReadOnlyList<T> items) => TypedResults.Ok(new ListResponse<T>(items, items.Count));

    private static Ok<ItemsResponse<T>> Items<T>(IReadOnlyList<T> items) => TypedResults.Ok(new ItemsResponse<T>(items));
}
