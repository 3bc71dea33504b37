using Failkit.Management.Incidents;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Failkit.Activities.Incidents;

public static class IncidentsServiceCollectionExtensions
{
    /// <summary>The incident workflow's services on the management plane; its deadlines and the operators' addresses
    /// come from <c>Failkit:Incidents</c>. Needs AddFailkitManagement and AddFailkitNotifications.</summary>
    public static IServiceCollection AddFailkitIncidents(this IServiceCollection services, IConfiguration? configuration = null)
    {
        var options = new IncidentOptions();
        configuration?.GetSection("Failkit:Incidents").Bind(options);
        services.TryAddSingleton(options);
        services.AddSingleton<IncidentNotifier>();
        return services;
    }
}
