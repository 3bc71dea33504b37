namespace Failkit.Workflows.Runtime.Definitions;

/// <summary>No definition (or version) with that id; the API answers 404.</summary>
public sealed class DefinitionNotFoundException(string id) : Exception($"Workflow definition '{id}' was not found.")
{
    public string DefinitionId { get; } = id;
}

/// <summary>A request that breaks a versioning rule (retracting an unpublished definition...); the API answers 400.</summary>
public sealed class VersioningException(string message) : Exception(message);
