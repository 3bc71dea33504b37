using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Npgsql;

namespace Failkit.Activities.Notifications;

public static class NotificationsServiceCollectionExtensions
{
    /// <summary>The plane's mailer, webhook sender and journal on <paramref name="connectionString"/> (the plane's own
    /// database; the journal's schema is migrated separately, as the owner). Options come from
    /// <c>Failkit:Notifications</c> when <paramref name="configuration"/> is given; <paramref name="configure"/> runs
    /// after.</summary>
    public static IServiceCollection AddFailkitNotifications(
        this IServiceCollection services, string connectionString, IConfiguration? configuration = null, Action<NotificationOptions>? configure = null)
    {
        var options = new NotificationOptions();
        configuration?.GetSection(NotificationOptions.Section).Bind(options);
        configure?.Invoke(options);
        services.AddSingleton(options);
        services.AddSingleton(options.Smtp);
        services.AddSingleton(options.Webhooks);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<IMailTransport>(sp => string.IsNullOrEmpty(options.Smtp.Host)
            ? new OutboxMailTransport(options.Smtp.OutboxDirectory
                ?? throw new InvalidOperationException("Notifications need Failkit:Notifications:Smtp:Host or :OutboxDirectory."), sp.GetRequiredService<TimeProvider>())
            : new SmtpMailTransport(options.Smtp));
        services.AddKeyedSingleton(typeof(DeliveryJournal), (sp, _) => NpgsqlDataSource.Create(connectionString));
        services.AddSingleton(sp => new DeliveryJournal(
            sp.GetRequiredKeyedService<NpgsqlDataSource>(typeof(DeliveryJournal)), sp.GetRequiredService<TimeProvider>(),
            sp.GetService<Failkit.Tenancy.Audit.IAuditTrail>()));
        services.AddSingleton<Mailer>();
        services.AddSingleton<OutboundAddressGuard>();
        services.AddSingleton<WebhookSender>();
        return services;
    }
}
