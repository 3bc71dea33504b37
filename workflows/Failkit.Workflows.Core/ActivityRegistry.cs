using System.Collections.Concurrent;
using System.Reflection;
using Failkit.Workflows.Core.Model;

namespace Failkit.Workflows.Core;

/// <summary>Every activity type the engine can run, found by scanning assemblies. Adding an activity class to a
/// scanned assembly is all it takes to register it.</summary>
public sealed class ActivityRegistry
{
    private readonly ConcurrentDictionary<(string Type, int Version), ActivityTypeModel> _types = new();

    public ActivityRegistry(IEnumerable<Assembly> assemblies)
    {
        foreach (var asm in assemblies.Append(typeof(ActivityRegistry).Assembly).Distinct())
        {
            foreach (var t in asm.GetExportedTypes().Where(ActivityTypeModel.IsActivityClass))
            {
                Add(t);
            }
        }
    }

    /// <summary>A registry of the built-in activities only.</summary>
    public static ActivityRegistry BuiltIns() => new([]);

    public void Add(Type activityClass)
    {
        var model = ActivityTypeModel.For(activityClass);
        _types[(model.Info.TypeName, model.Info.Version)] = model;
    }

    public bool TryGet(string typeName, int version, out ActivityTypeModel model) =>
        _types.TryGetValue((typeName, version < 1 ? 1 : version), out model!);

    public IEnumerable<ActivityTypeModel> All => _types.Values.OrderBy(m => m.Info.TypeName, StringComparer.Ordinal);

    public IEnumerable<ActivityDescriptor> Descriptors => All.Select(m => m.Descriptor);
}
