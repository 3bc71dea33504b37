using System.Collections.Concurrent;
using System.Reflection;

namespace Failkit.Workflows.Core;

/// <summary>Type name and version of an activity class, read once from its <see cref="ActivityAttribute"/>.</summary>
public sealed record ActivityTypeInfo(string TypeName, string Namespace, string ShortName, int Version, ActivityAttribute? Attribute)
{
    private static readonly ConcurrentDictionary<Type, ActivityTypeInfo> Cache = new();

    public static ActivityTypeInfo Of(Type type) => Cache.GetOrAdd(type, static t =>
    {
        var attr = t.GetCustomAttribute<ActivityAttribute>(inherit: false);
        var shortName = attr?.Type ?? StripGenericArity(t.Name);
        var ns = attr?.Namespace ?? "Failkit";
        return new ActivityTypeInfo($"{ns}.{shortName}", ns, shortName, attr?.Version ?? 1, attr);
    });

    private static string StripGenericArity(string name)
    {
        var tick = name.IndexOf('`', StringComparison.Ordinal);
        return tick < 0 ? name : name[..tick];
    }
}
