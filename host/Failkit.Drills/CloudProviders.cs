using Failkit.Drills.Cloud;

namespace Failkit.Drills;

/// <summary>The registered cloud providers, by kind.</summary>
public sealed class CloudProviders(IEnumerable<ICloudProvider> providers)
{
    private readonly Dictionary<CloudKind, ICloudProvider> _byKind = providers.ToDictionary(p => p.Kind);

    public IReadOnlyCollection<CloudKind> Kinds => _byKind.Keys;

    public ICloudProvider? Find(CloudKind kind) => _byKind.GetValueOrDefault(kind);

    public ICloudProvider For(CloudKind kind) =>
        Find(kind) ?? throw new CloudConfigurationException($"No {kind} provider is installed in this plane.");
}
