using System.Reflection;
using Failkit.Workflows.Api.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Failkit.Workflows.Api.Access;

/// <summary>The rights of the request's user, asked once per request from <see cref="IWorkflowDefinitionPermissions"/>.</summary>
public sealed class Caller
{
    public Caller(bool canEdit, bool canRun)
    {
        CanEdit = canEdit;
        CanRun = canRun;
    }

    public bool CanEdit { get; }

    public bool CanRun { get; }

    public static async ValueTask<Caller?> BindAsync(HttpContext context, ParameterInfo parameter)
    {
        var permissions = context.RequestServices.GetRequiredService<IWorkflowDefinitionPermissions>();
        var user = context.User;
        var ct = context.RequestAborted;
        return new Caller(await permissions.CanEditAsync(user, ct), await permissions.CanRunAsync(user, ct));
    }

    public void EnsureCanEdit()
    {
        if (!CanEdit)
        {
            throw ApiRequestException.Forbidden("Your role may read workflow definitions but not change them.");
        }
    }

    public void EnsureCanRun()
    {
        if (!CanRun)
        {
            throw ApiRequestException.Forbidden("Your role may read workflow instances but not start or change them.");
        }
    }
}
