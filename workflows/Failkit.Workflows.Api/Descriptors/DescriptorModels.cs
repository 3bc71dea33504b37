namespace Failkit.Workflows.Api.Descriptors;

public sealed record ExpressionDescriptor(string Type, string DisplayName, bool IsSerializable, bool IsBrowsable, IReadOnlyDictionary<string, string> Properties);

/// <summary>Activation, log-persistence and incident strategies share this shape.</summary>
public sealed record StrategyDescriptor(string TypeName, string DisplayName, string Description);

/// <summary>Commit strategies are keyed by name rather than type.</summary>
public sealed record CommitStrategyDescriptor(string Name, string DisplayName, string Description);

public sealed record VariableTypeDescriptor(string TypeName, string DisplayName, string Category, string? Description = null);

public sealed record StorageDriverDescriptor(string TypeName, string DisplayName, int Priority, bool Deprecated);

public sealed record FeatureDescriptor(string Name, string Namespace, string FullName, string DisplayName, string Description);
