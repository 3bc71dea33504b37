using Failkit.Workflows.Core.Expressions;
using Failkit.Workflows.Core.Model;

namespace Failkit.Workflows.Core.Activities;

/// <summary>Assigns a value to a workflow variable, converted to the variable's type.</summary>
[Activity("Elsa", "Primitives", "Assign a value to a workflow variable.")]
public sealed class SetVariable : CodeActivity
{
    [Input(Description = "The variable to assign.", UIHint = "variable-picker", IsRequired = true)]
    public VariableDefinition? Variable { get; set; }

    [Input(Description = "The value to assign.")]
    public Input<object> Value { get; set; } = new(Expression.Literal(null));

    protected override void Execute(ActivityExecutionContext context)
    {
        var variable = Variable ?? throw new InvalidOperationException("SetVariable names no variable.");
        var value = context.Get(Value);
        var type = TypeAliases.TypeOf(variable.TypeName);
        if (type is not null && type != typeof(object))
        {
            value = ValueConverter.Convert(value, variable.IsArray ? type.MakeArrayType() : type);
        }

        context.SetVariable(string.IsNullOrEmpty(variable.Name) ? variable.Id : variable.Name, value);
    }
}
