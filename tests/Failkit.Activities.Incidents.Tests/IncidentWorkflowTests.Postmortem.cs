using Failkit.Activities.Incidents.Tests.Fixtures;
using Failkit.Management.Incidents;
using Failkit.Testing;
using Failkit.Workflows.Core;

namespace Failkit.Activities.Incidents.Tests;

public sealed partial class IncidentWorkflowTests
{
    [Fact]
    public async Task Postmortem_RemindersOnDay10_ThenSentToEveryoneTold_AndClosedWithin14Days()
    {
        await using var maildev = await Maildev.StartAsync();
        await using var host = await IncidentHost.StartAsync(maildev);
        await host.TenantsAsync(["alpha", "beta"]);
        var incident = await host.OpenAsync(host.Time.GetUtcNow(), "alpha", "beta");
        await host.AdvanceAsync(TimeSpan.FromHours(5));

        await host.AdvanceAsync(TimeSpan.FromDays(10) - TimeSpan.FromHours(5));

        var reminder = Assert.Single(await maildev.WaitForEmailsAsync(e => Subject(e).Contains("Postmortem reminder (day 10)", StringComparison.Ordinal)));
        Assert.Equal(["ops@failkit.test"], Maildev.Recipients(reminder));

        await host.AdvanceAsync(TimeSpan.FromDays(1));
        Assert.True(await host.Get<IncidentResponse>().SubmitPostmortemAsync(incident.Id, "Root cause: a debug flag. Fix: removed, keys rotated.", Ct));
        await host.Engine.DrainAsync();

        var postmortems = await maildev.WaitForEmailsAsync(e => Subject(e).StartsWith("Postmortem:", StringComparison.Ordinal), count: 4);
        Assert.Equal(["admin@alpha.test", "admin@beta.test", "owner@alpha.test", "owner@beta.test"], postmortems.SelectMany(Maildev.Recipients).Order());
        Assert.All(postmortems, e => Assert.Contains("Root cause: a debug flag.", Text(e), StringComparison.Ordinal));
        var closed = await host.ReloadAsync(incident.Id);
        Assert.Equal("closed", closed.State);
        Assert.True(closed.PostmortemInTime);
        Assert.Equal(WorkflowSubStatus.Finished, (await host.Engine.Runtime.GetAsync(closed.WorkflowInstanceId!, Ct))!.SubStatus);
        Assert.False(await host.Get<IncidentResponse>().SubmitPostmortemAsync(incident.Id, "again", Ct));

        await host.AdvanceAsync(TimeSpan.FromDays(3));
        Assert.Empty(await maildev.EmailsAsync(e => Subject(e).Contains("day 13", StringComparison.Ordinal)));
        Assert.Contains(host.Contacts.Notices, n => n.Slug == "beta" && n.Notice.Kind == "incident.postmortem");
    }

    [Fact]
    public async Task NoPostmortemBy14Days_AlertsOperators_AndTheLateCloseRecordsTheMiss()
    {
        await using var maildev = await Maildev.StartAsync();
        await using var host = await IncidentHost.StartAsync(maildev);
        await host.TenantsAsync(["alpha"]);
        var incident = await host.OpenAsync(host.Time.GetUtcNow().AddHours(-1), "alpha");

        await host.AdvanceAsync(TimeSpan.FromDays(10));
        await host.AdvanceAsync(TimeSpan.FromDays(3));
        await host.AdvanceAsync(TimeSpan.FromDays(2));

        Assert.Single(await maildev.WaitForEmailsAsync(e => Subject(e).Contains("Postmortem reminder (day 13)", StringComparison.Ordinal)));
        Assert.Single(await maildev.WaitForEmailsAsync(e => Subject(e).Contains("14-day postmortem deadline missed", StringComparison.Ordinal)));
        Assert.Equal("open", (await host.ReloadAsync(incident.Id)).State);

        Assert.True(await host.Get<IncidentResponse>().SubmitPostmortemAsync(incident.Id, "Late, but here.", Ct));
        await host.Engine.DrainAsync();

        var closed = await host.ReloadAsync(incident.Id);
        Assert.Equal("closed", closed.State);
        Assert.False(closed.PostmortemInTime);
    }

    [Fact]
    public async Task EngineRestartMidIncident_LosesNoTimer()
    {
        await using var maildev = await Maildev.StartAsync();
        await using var host = await IncidentHost.StartAsync(maildev);
        await host.TenantsAsync(["alpha"]);
        var incident = await host.OpenAsync(host.Time.GetUtcNow(), "alpha");
        await host.AdvanceAsync(TimeSpan.FromHours(1));

        await host.StartEngineAsync();
        await host.AdvanceAsync(TimeSpan.FromHours(3));

        Assert.Single(await maildev.WaitForEmailsAsync(e => Subject(e).StartsWith("[Escalated]", StringComparison.Ordinal)));

        await host.StartEngineAsync();
        await host.AdvanceAsync(TimeSpan.FromDays(10));

        Assert.Single(await maildev.WaitForEmailsAsync(e => Subject(e).Contains("Postmortem reminder (day 10)", StringComparison.Ordinal)));
        Assert.True(await host.Get<IncidentResponse>().SubmitPostmortemAsync(incident.Id, "Done.", Ct));
        await host.Engine.DrainAsync();
        Assert.Equal("closed", (await host.ReloadAsync(incident.Id)).State);
    }
}
