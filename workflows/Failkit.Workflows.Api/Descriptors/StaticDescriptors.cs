namespace Failkit.Workflows.Api.Descriptors;

/// <summary>The fixed descriptor lists. Each advertises only what the engine really does: the expression languages
/// it evaluates, the incident and commit strategies it reads from a definition's options.</summary>
public static class StaticDescriptors
{
    private static readonly Dictionary<string, string> NoProperties = [];

    /// <summary>The contract's recommended list. It must hold a scripting type: with only Literal, Object, Variable
    /// and Input every expression editor of the Studio throws.</summary>
    public static readonly IReadOnlyList<ExpressionDescriptor> Expressions =
    [
        new("Literal", "Literal", true, false, NoProperties),
        new("Object", "Object", true, false, new Dictionary<string, string> { ["MonacoLanguage"] = "json" }),
        new("JavaScript", "JavaScript", true, true, new Dictionary<string, string> { ["MonacoLanguage"] = "javascript" }),
        new("Liquid", "Liquid", true, true, new Dictionary<string, string> { ["MonacoLanguage"] = "liquid" }),
        new("Variable", "Variable", true, true, NoProperties),
    ];

    public static readonly IReadOnlyList<StrategyDescriptor> ActivationStrategies =
    [
        new("Always", "Always", "Always allow a new instance to start."),
    ];

    /// <summary>Elsa's type names, so a definition made in Elsa keeps its strategy; the engine looks for "Continue".</summary>
    public static readonly IReadOnlyList<StrategyDescriptor> IncidentStrategies =
    [
        new("Elsa.Workflows.IncidentStrategies.FaultStrategy, Elsa.Workflows.Core", "Fault", "Fault the workflow when an activity raises an incident."),
        new("Elsa.Workflows.IncidentStrategies.ContinueWithIncidentsStrategy, Elsa.Workflows.Core", "Continue", "Record the incident and continue the workflow."),
    ];

    /// <summary>The engine commits per burst unless the name contains "Activity".</summary>
    public static readonly IReadOnlyList<CommitStrategyDescriptor> WorkflowCommitStrategies =
    [
        new("Default", "Default", "Commit the instance at every burst boundary (when it finishes or waits)."),
        new("ActivityExecuted", "Activity executed", "Commit the instance after every activity execution."),
    ];

    public static readonly IReadOnlyList<VariableTypeDescriptor> VariableTypes =
    [
        new("String", "String", "Primitives"),
        new("Boolean", "Boolean", "Primitives"),
        new("Int32", "Int32", "Primitives"),
        new("Int64", "Int64", "Primitives"),
        new("Double", "Double", "Primitives"),
        new("Decimal", "Decimal", "Primitives"),
        new("Guid", "Guid", "Primitives"),
        new("DateTime", "DateTime", "Primitives"),
        new("DateTimeOffset", "DateTimeOffset", "Primitives"),
        new("TimeSpan", "TimeSpan", "Primitives"),
        new("Object", "Object", "Dynamic"),
        new("JSON", "JSON", "Dynamic", "An ExpandoObject built from JSON."),
        new("ObjectDictionary", "ObjectDictionary", "Dictionaries"),
        new("StringDictionary", "StringDictionary", "Dictionaries"),
        new("JsonElement", "JsonElement", "Dynamic"),
        new("JsonObject", "JsonObject", "Dynamic"),
        new("JsonNode", "JsonNode", "Dynamic"),
    ];

    public static readonly IReadOnlyList<StorageDriverDescriptor> StorageDrivers =
    [
        new("Failkit.Workflows.WorkflowInstanceStorageDriver", "Workflow Instance", 0, false),
    ];

    /// <summary>Globals the JavaScript evaluator defines, for the Studio's Monaco IntelliSense.</summary>
    public const string JavaScriptTypeDefinitions = """
        declare const variables: Record<string, any>;
        declare const input: Record<string, any>;
        declare const workflowInstanceId: string;
        declare const correlationId: string | null;
        declare const activityId: string;
        declare function getVariable(name: string): any;
        declare function setVariable(name: string, value: any): void;
        declare function getInput(name: string): any;
        declare function isNullOrEmpty(value: any): boolean;

        """;
}
