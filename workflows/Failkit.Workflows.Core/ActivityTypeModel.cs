using System.Reflection;
using Failkit.Workflows.Core.Model;

namespace Failkit.Workflows.Core;

/// <summary>What the engine knows of an activity class: how to create it, its inputs, outputs and child slots.</summary>
public sealed class ActivityTypeModel
{
    private ActivityTypeModel(Type clrType)
    {
        ClrType = clrType;
        Info = ActivityTypeInfo.Of(clrType);
        Create = System.Linq.Expressions.Expression.Lambda<Func<Activity>>(System.Linq.Expressions.Expression.New(clrType)).Compile();
        var props = clrType.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite).ToList();
        Inputs = props.Where(p => p.GetCustomAttribute<InputAttribute>() is not null).Select(InputMember.From).ToList();
        Outputs = props.Where(p => p.GetCustomAttribute<OutputAttribute>() is not null).Select(OutputMember.From).ToList();
        Children = props.Where(ChildMember.IsChild).Select(ChildMember.From).ToList();
        Descriptor = ActivityDescriptorBuilder.Build(this);
    }

    public Type ClrType { get; }

    public ActivityTypeInfo Info { get; }

    public Func<Activity> Create { get; }

    public IReadOnlyList<InputMember> Inputs { get; }

    public IReadOnlyList<OutputMember> Outputs { get; }

    public IReadOnlyList<ChildMember> Children { get; }

    public ActivityDescriptor Descriptor { get; }

    public static bool IsActivityClass(Type t) =>
        t is { IsClass: true, IsAbstract: false, IsGenericTypeDefinition: false } &&
        typeof(Activity).IsAssignableFrom(t) && t.GetConstructor(Type.EmptyTypes) is not null;

    public static ActivityTypeModel For(Type clrType) => Models.GetOrAdd(clrType, static t => new ActivityTypeModel(t));

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<Type, ActivityTypeModel> Models = new();
}

/// <summary>An input property. Wrapped inputs are <see cref="Input{T}"/>; others hold raw JSON-bound values.</summary>
public sealed record InputMember(PropertyInfo Property, InputAttribute Attribute, bool IsWrapped, Type ValueType, string JsonKey)
{
    public static InputMember From(PropertyInfo p)
    {
        var wrapped = p.PropertyType.IsGenericType && p.PropertyType.GetGenericTypeDefinition() == typeof(Input<>);
        var valueType = wrapped ? p.PropertyType.GetGenericArguments()[0] : p.PropertyType;
        return new InputMember(p, p.GetCustomAttribute<InputAttribute>()!, wrapped, valueType, WorkflowJson.Camel(p.Name));
    }
}

/// <summary>An output property of type <see cref="Output{T}"/>.</summary>
public sealed record OutputMember(PropertyInfo Property, OutputAttribute Attribute, Type ValueType, string JsonKey)
{
    public static OutputMember From(PropertyInfo p) =>
        new(p, p.GetCustomAttribute<OutputAttribute>()!, p.PropertyType.GetGenericArguments()[0], WorkflowJson.Camel(p.Name));
}

/// <summary>A property holding child activities: one (<c>Then</c>, <c>Body</c>) or a list (<c>Activities</c>, <c>Branches</c>).</summary>
public sealed record ChildMember(PropertyInfo Property, bool IsCollection, bool IsPort, string JsonKey)
{
    public static bool IsChild(PropertyInfo p) =>
        p.PropertyType == typeof(IActivity) || typeof(IEnumerable<IActivity>).IsAssignableFrom(p.PropertyType);

    public static ChildMember From(PropertyInfo p) =>
        new(p, p.PropertyType != typeof(IActivity), p.GetCustomAttribute<PortAttribute>() is not null, WorkflowJson.Camel(p.Name));
}
