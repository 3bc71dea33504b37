using System.Text.Json.Nodes;
using Failkit.Activities.Notifications.Tests.Fixtures;
using Failkit.Testing;
using Failkit.Workflows.Core;
using Microsoft.Extensions.DependencyInjection;

namespace Failkit.Activities.Notifications.Tests;

public sealed class NotifyUsersByRoleTests
{
    [Fact]
    public async Task OwnersAndAdmins_EachGetTheEmail_OthersDoNot()
    {
        await using var maildev = await Maildev.StartAsync();
        var directory = new Directory(new()
        {
            ["owner"] = ["olga@acme.test"],
            ["admin"] = ["adam@acme.test", "olga@acme.test"],
            ["auditor"] = ["aude@acme.test"],
        });
        await using var host = await NotificationHost.StartAsync(maildev.SmtpPort, s => s.AddSingleton<IRecipientDirectory>(directory));

        var run = await host.Workflows.RunAsync(Flows.Single("role-mail", "Failkit.NotifyUsersByRole", new JsonObject
        {
            ["roles"] = "owner, admin",
            ["subject"] = "Drill overdue",
            ["textBody"] = "No passing drill in 90 days.",
        }));

        Assert.Equal(WorkflowSubStatus.Finished, run.SubStatus);
        var emails = await maildev.WaitForEmailsAsync(e => e["subject"]?.GetValue<string>() == "Drill overdue", count: 2);
        Assert.Equal(["adam@acme.test", "olga@acme.test"], emails.SelectMany(Maildev.Recipients).Order());
    }

    /// <summary>The tenant's users by role, as the identity module's directory answers on a tenant plane.</summary>
    private sealed class Directory(Dictionary<string, string[]> byRole) : IRecipientDirectory
    {
        public Task<IReadOnlyList<string>> EmailsByRoleAsync(IReadOnlyCollection<string> roles, CancellationToken ct) =>
            Task.FromResult<IReadOnlyList<string>>(roles.SelectMany(r => byRole.GetValueOrDefault(r, [])).Distinct().ToList());
    }
}
