using Failkit.Testing;
using Failkit.Workflows.Persistence;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Failkit.Activities.Notifications.Tests.Fixtures;

/// <summary>The production registrations (workflows on PostgreSQL, notifications) on a fresh database, with a fake
/// clock, loopback webhooks allowed as the tests require, and SMTP pointed wherever the test says.</summary>
public sealed class NotificationHost : IAsyncDisposable
{
    private NotificationHost(WorkflowTestHost workflows, FakeTimeProvider time)
    {
        Workflows = workflows;
        Time = time;
    }

    public WorkflowTestHost Workflows { get; }

    public FakeTimeProvider Time { get; }

    public DeliveryJournal Journal => Workflows.Services.GetRequiredService<DeliveryJournal>();

    public static async Task<NotificationHost> StartAsync(int smtpPort, Action<IServiceCollection>? services = null, bool allowLoopback = true)
    {
        var db = await TestPostgres.CreateDatabaseAsync("notify");
        await NotificationsMigrator.MigrateAsync(db);
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 29, 8, 0, 0, TimeSpan.Zero));
        var host = WorkflowTestHost.Create(s =>
        {
            s.AddSingleton<TimeProvider>(time).AddFailkitPostgres(db);
            s.AddFailkitNotifications(db, configure: o =>
            {
                o.Smtp.Host = "127.0.0.1";
                o.Smtp.Port = smtpPort;
                o.Smtp.Security = SmtpSecurity.None;
                o.Smtp.From = "Failkit <failkit@test.invalid>";
                o.Smtp.Timeout = TimeSpan.FromSeconds(5);
                o.Webhooks.AllowLoopback = allowLoopback;
                o.Webhooks.Secrets["hooks"] = WebhookSecret;
            });
            services?.Invoke(s);
        });
        return new NotificationHost(host, time);
    }

    public const string WebhookSecret = "whsec-test-0123456789";

    public async ValueTask DisposeAsync() => await Workflows.DisposeAsync();
}
