using Failkit.Activities.Notifications;
using Failkit.Management;
using Failkit.Management.Incidents;
using Failkit.Management.Tenants;
using Failkit.Testing;
using Failkit.Workflows.Persistence;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Failkit.Activities.Incidents.Tests.Fixtures;

/// <summary>One management database (and key ring) that outlives the engine hosts started on it, so a test can stop
/// the engine mid-incident and start a fresh one. Each host is the production registration: AddFailkitManagement,
/// notifications over real SMTP (maildev), the workflow engine on PostgreSQL, the shipped definition.</summary>
public sealed class IncidentHost : IAsyncDisposable
{
    private readonly string _keys = Directory.CreateTempSubdirectory("fk-incidents-").FullName;
    private string _database = "";
    private WorkflowTestHost? _current;

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 29, 9, 0, 0, TimeSpan.Zero));

    public FakeTenantContacts Contacts { get; } = new();

    public IncidentOptions Options { get; } = new() { OperatorEmails = ["ops@failkit.test"] };

    public required Maildev Maildev { get; init; }

    public WorkflowTestHost Engine => _current ?? throw new InvalidOperationException("No engine is running.");

    public T Get<T>() where T : notnull => Engine.Services.GetRequiredService<T>();

    public static async Task<IncidentHost> StartAsync(Maildev maildev)
    {
        var host = new IncidentHost { Maildev = maildev };
        host._database = await TestPostgres.CreateDatabaseAsync("incidents");
        await NotificationsMigrator.MigrateAsync(host._database);
        await host.StartEngineAsync();
        await host.Engine.PublishAsync(await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "incident-notification.json")));
        return host;
    }

    /// <summary>A new engine (services, stores, runtime) on the same database; the previous one is disposed first.</summary>
    public async Task StartEngineAsync()
    {
        if (_current is not null)
        {
            await _current.DisposeAsync();
        }

        var closedPort = Maildev.FreePort();
        _current = WorkflowTestHost.Create(
            s =>
            {
                s.AddLogging();
                s.AddSingleton<TimeProvider>(Time);
                s.AddSingleton<ITenantContacts>(Contacts);
                s.AddSingleton(Options);
                s.AddFailkitManagement(o =>
                {
                    o.ConnectionString = _database;
                    o.KeyRingDirectory = Path.Combine(_keys, "management");
                    o.PublicUrl = new Uri("http://failkit.test:5080");
                });
                s.AddFailkitPostgres(_database);
                s.AddFailkitNotifications(_database, configure: o =>
                {
                    o.Smtp.Host = "127.0.0.1";
                    o.Smtp.Port = Maildev.SmtpPort;
                    o.Smtp.Security = SmtpSecurity.None;
                    o.Smtp.Timeout = TimeSpan.FromSeconds(5);
                });
                s.AddSingleton<IMailTransport>(new DownDomainTransport(
                    new SmtpMailTransport(new SmtpOptions { Host = "127.0.0.1", Port = Maildev.SmtpPort, Security = SmtpSecurity.None }),
                    new SmtpMailTransport(new SmtpOptions { Host = "127.0.0.1", Port = closedPort, Security = SmtpSecurity.None, Timeout = TimeSpan.FromSeconds(5) })));
                s.AddSingleton<IncidentNotifier>();
            },
            w => w.AddActivitiesFrom(typeof(RunIncidentTimeline).Assembly));
    }

    /// <summary>Registers active tenants with an owner and an admin each; <paramref name="down"/> tenants' people have
    /// addresses on the unreachable mail server.</summary>
    public async Task TenantsAsync(string[] slugs, params string[] down)
    {
        foreach (var slug in slugs)
        {
            var tenant = await Get<TenantRegistry>().CreateAsync(slug, TenantTier.Standard);
            Assert.NotNull(tenant);
            var domain = down.Contains(slug) ? "down.test" : slug + ".test";
            Contacts.Users[(slug, "owner")] = [$"owner@{domain}"];
            Contacts.Users[(slug, "admin")] = [$"admin@{domain}"];
        }
    }

    public async Task<SecurityIncident> OpenAsync(DateTimeOffset confirmedAt, params string[] slugs)
    {
        var incident = await Get<IncidentResponse>().OpenAsync("Credential exposure in backup index", "high",
            "An access key was readable in a log for 3 hours.", confirmedAt, slugs, "client:ops", CancellationToken.None);
        await Engine.DrainAsync();
        return incident;
    }

    /// <summary>Moves the fake clock and runs whatever became due.</summary>
    public async Task AdvanceAsync(TimeSpan by)
    {
        Time.Advance(by);
        await Engine.DrainAsync();
    }

    public async Task<SecurityIncident> ReloadAsync(Guid id) => (await Get<IncidentStore>().GetAsync(id, CancellationToken.None))!;

    public async ValueTask DisposeAsync()
    {
        if (_current is not null)
        {
            await _current.DisposeAsync();
        }

        Directory.Delete(_keys, recursive: true);
    }
}
