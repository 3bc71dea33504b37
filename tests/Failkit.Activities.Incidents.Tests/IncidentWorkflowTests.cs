using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Failkit.Activities.Incidents.Tests.Fixtures;
using Failkit.Activities.Notifications;
using Failkit.Management.Incidents;
using Failkit.Testing;
using Failkit.Workflows.Core;

namespace Failkit.Activities.Incidents.Tests;

/// <summary>The shipped incident-notification workflow on the real engine and a real SMTP server, driven through
/// fake time: no test waits for a timer in real time.</summary>
public sealed partial class IncidentWorkflowTests
{
    private static readonly CancellationToken Ct = CancellationToken.None;

    [Fact]
    public async Task Incident_NotifiesEveryOwner_AndEscalatesOnlyWhereNoOwnerAcknowledged()
    {
        await using var maildev = await Maildev.StartAsync();
        await using var host = await IncidentHost.StartAsync(maildev);
        await host.TenantsAsync(["alpha", "beta"]);

        var incident = await host.OpenAsync(host.Time.GetUtcNow().AddHours(-2), "alpha", "beta");

        var notices = await maildev.WaitForEmailsAsync(e => Subject(e).StartsWith("Security incident notice", StringComparison.Ordinal), count: 2);
        Assert.Equal(["owner@alpha.test", "owner@beta.test"], notices.SelectMany(Maildev.Recipients).Order());
        Assert.DoesNotContain(notices, e => Text(e).Contains("beta", StringComparison.Ordinal) && Maildev.Recipients(e).Single() == "owner@alpha.test");
        var tenants = await host.Get<IncidentStore>().TenantsAsync(incident.Id, Ct);
        Assert.All(tenants, t => Assert.Equal(host.Time.GetUtcNow(), t.NotifiedAt));
        Assert.True((await host.ReloadAsync(incident.Id)).NotifiedInTime);
        Assert.Contains(host.Contacts.Notices, n => n.Slug == "alpha" && n.Notice.Kind == "incident.notified");

        var alphaMail = notices.Single(e => Maildev.Recipients(e).Single() == "owner@alpha.test");
        Assert.True(await AcknowledgeFromLinkAsync(host, incident.Id, Text(alphaMail)));
        Assert.False(await host.Get<IncidentAckTokens>().VerifyAsync(incident.Id, Guid.NewGuid(), "forged", Ct));

        await host.AdvanceAsync(TimeSpan.FromHours(4) - TimeSpan.FromMinutes(1));
        Assert.Empty(await maildev.EmailsAsync(e => Subject(e).StartsWith("[Escalated]", StringComparison.Ordinal)));
        await host.AdvanceAsync(TimeSpan.FromMinutes(1));

        var escalated = await maildev.WaitForEmailsAsync(e => Subject(e).StartsWith("[Escalated]", StringComparison.Ordinal));
        Assert.Equal(["admin@beta.test"], escalated.SelectMany(Maildev.Recipients));
        tenants = await host.Get<IncidentStore>().TenantsAsync(incident.Id, Ct);
        Assert.NotNull(tenants.Single(t => t.Slug == "alpha").AcknowledgedAt);
        Assert.Null(tenants.Single(t => t.Slug == "alpha").EscalatedAt);
        Assert.NotNull(tenants.Single(t => t.Slug == "beta").EscalatedAt);
    }

    [Fact]
    public async Task TenantMailServerDown_IsRetriedUntil24Hours_ThenFlaggedAndOperatorsAlerted()
    {
        await using var maildev = await Maildev.StartAsync();
        await using var host = await IncidentHost.StartAsync(maildev);
        await host.TenantsAsync(["alpha", "gamma"], down: "gamma");

        var incident = await host.OpenAsync(host.Time.GetUtcNow(), "alpha", "gamma");

        Assert.Null((await host.ReloadAsync(incident.Id)).NotifiedInTime);
        for (var hour = 1; hour <= 24; hour++)
        {
            await host.AdvanceAsync(TimeSpan.FromHours(1));
        }

        var after = await host.ReloadAsync(incident.Id);
        Assert.False(after.NotifiedInTime);
        var gammaOwner = (await host.Get<IncidentStore>().RecipientsAsync(incident.Id, Ct)).Single(r => r.Email == "owner@down.test");
        Assert.Null(gammaOwner.DeliveredAt);
        Assert.True(gammaOwner.Attempts >= 20, $"{gammaOwner.Attempts} attempts");
        Assert.Contains("SocketException", gammaOwner.LastError, StringComparison.Ordinal);
        var alert = Assert.Single(await maildev.WaitForEmailsAsync(e => Subject(e).Contains("24-hour notification deadline missed", StringComparison.Ordinal)));
        Assert.Equal(["ops@failkit.test"], Maildev.Recipients(alert));
        Assert.Contains("gamma", Text(alert), StringComparison.Ordinal);
        Assert.DoesNotContain("alpha", Text(alert), StringComparison.Ordinal);
        var journal = await host.Get<DeliveryJournal>().ListAsync(IncidentResponse.CorrelationOf(incident.Id), 200, Ct);
        Assert.Contains(journal, d => d.Recipient == "owner@down.test" && d.Outcome == DeliveryOutcome.Retrying);
        Assert.Contains(journal, d => d.Recipient == "owner@alpha.test" && d.Outcome == DeliveryOutcome.Delivered);

        await host.AdvanceAsync(TimeSpan.FromHours(5));
        Assert.Equal(gammaOwner.Attempts, (await host.Get<IncidentStore>().RecipientsAsync(incident.Id, Ct)).Single(r => r.Email == "owner@down.test").Attempts);
    }

    private static async Task<bool> AcknowledgeFromLinkAsync(IncidentHost host, Guid incidentId, string text)
    {
        var match = AckLink().Match(text);
        Assert.True(match.Success, text);
        var recipient = Guid.Parse(match.Groups["r"].Value);
        var token = match.Groups["t"].Value;
        return await host.Get<IncidentAckTokens>().VerifyAsync(incidentId, recipient, token, Ct)
            && await host.Get<IncidentStore>().AcknowledgeAsync(incidentId, recipient, Ct);
    }

    private static string Subject(JsonObject e) => e["subject"]?.GetValue<string>() ?? "";

    private static string Text(JsonObject e) => e["text"]?.GetValue<string>() ?? "";

    [GeneratedRegex(@"acknowledge\?recipient=(?<r>[0-9a-f-]{36})&token=(?<t>[A-Za-z0-9_-]+)")]
    private static partial Regex AckLink();
}
