using System.Text;
using Failkit.Activities.Drills.Tests.Fixtures;
using Failkit.Activities.Notifications;
using Failkit.Drills;
using Failkit.Testing;
using Failkit.Workflows.Core;
using Microsoft.Extensions.DependencyInjection;

namespace Failkit.Activities.Drills.Tests;

public sealed class NotifyDrillCompletionTests(TenantFixture tenant)
{
    private static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.7\n% signed report stand-in\n%%EOF\n");

    [Fact]
    public async Task WithRoles_EmailsTheVerdictWithTheSignedReportAttached()
    {
        await using var maildev = await Maildev.StartAsync();
        await using var h = new DrillHarness(tenant.Tenant, s => Notifications(s, tenant, maildev.SmtpPort).AddSingleton<IAttachmentSource>(new Reports()));
        var account = await h.SimAccountAsync();
        var drill = await h.DrillAsync(await h.GroupAsync(account.Id, [h.Vm("db")]));
        await h.Drills.CompleteAsync(drill.Id, DrillStatus.Succeeded, [], CancellationToken.None);

        var run = await h.RunAsync(drill.Id, Step.Of("NotifyDrillCompletion", ("roles", "String", "owner, admin")));

        Assert.Equal(WorkflowSubStatus.Finished, run.SubStatus);
        var emails = await maildev.WaitForEmailsAsync(e => e["subject"]!.GetValue<string>().StartsWith("Drill Succeeded [SIMULATED]", StringComparison.Ordinal), count: 2);
        Assert.Equal(["admin@acme.test", "owner@acme.test"], emails.SelectMany(Maildev.Recipients).Order());
        var attachment = Assert.Single(emails[0]["attachments"]!.AsArray())!;
        Assert.Equal($"drill-{drill.Id}.pdf", attachment["fileName"]!.GetValue<string>());
    }

    [Fact]
    public async Task WithoutRolesOrUrl_DoesNothing_SoTheBuiltInRunbookCarriesItSwitchedOff()
    {
        await using var h = new DrillHarness(tenant.Tenant);
        var account = await h.SimAccountAsync();
        var drill = await h.DrillAsync(await h.GroupAsync(account.Id, [h.Vm("db")]));

        var run = await h.RunAsync(drill.Id, Step.Of("NotifyDrillCompletion"));

        Assert.Equal(WorkflowSubStatus.Finished, run.SubStatus);
    }

    [Fact]
    public async Task GroupWithoutAPassingDrill_IsReportedToTheOwners_OncePerReminderInterval()
    {
        await using var maildev = await Maildev.StartAsync();
        await using var h = new DrillHarness(tenant.Tenant, s => Notifications(s, tenant, maildev.SmtpPort));
        var account = await h.SimAccountAsync();
        var group = await h.GroupAsync(account.Id, [h.Vm("db")]);
        var subject = $"Drill overdue: {group.Name}";

        await h.Host.RunAsync(Step.Definition("overdue-1", Step.Flowchart(Step.Of("CheckDrillCadence"))));
        Assert.Equal(["owner@acme.test"], (await maildev.WaitForEmailsAsync(e => e["subject"]!.GetValue<string>() == subject)).SelectMany(Maildev.Recipients));

        h.Time.Advance(TimeSpan.FromDays(1));
        await h.Host.Runtime.StartAsync("overdue-1", new(), CancellationToken.None);
        h.Time.Advance(TimeSpan.FromDays(7));
        await h.Host.Runtime.StartAsync("overdue-1", new(), CancellationToken.None);

        Assert.Equal(2, (await maildev.WaitForEmailsAsync(e => e["subject"]!.GetValue<string>() == subject, count: 2)).Count);
    }

    private static IServiceCollection Notifications(IServiceCollection s, TenantFixture tenant, int smtpPort) =>
        s.AddFailkitNotifications(tenant.Tenant.AppConnectionString, configure: o =>
        {
            o.Smtp.Host = "127.0.0.1";
            o.Smtp.Port = smtpPort;
            o.Smtp.Security = SmtpSecurity.None;
        }).AddSingleton<IRecipientDirectory>(new Directory());

    /// <summary>The evidence module's report source is being built in another branch; this one answers the same scheme.</summary>
    private sealed class Reports : IAttachmentSource
    {
        public string Scheme => NotifyDrillCompletion.ReportScheme;

        public Task<EmailAttachment?> ResolveAsync(string id, CancellationToken ct) =>
            Task.FromResult<EmailAttachment?>(new EmailAttachment($"drill-{id}.pdf", "application/pdf", Pdf));
    }

    private sealed class Directory : IRecipientDirectory
    {
        public Task<IReadOnlyList<string>> EmailsByRoleAsync(IReadOnlyCollection<string> roles, CancellationToken ct) =>
            Task.FromResult<IReadOnlyList<string>>(roles.Select(r => $"{r}@acme.test").ToList());
    }
}
