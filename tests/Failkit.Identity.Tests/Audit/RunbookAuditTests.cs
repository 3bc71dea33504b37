using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Failkit.Identity.Tests.Fixtures;

namespace Failkit.Identity.Tests.Audit;

/// <summary>Runbook changes made through the Elsa API reach the audit log through the workflow system's observer hook,
/// with the caller and source of the request.</summary>
public sealed class RunbookAuditTests(SharedPlane shared)
{
    [Fact]
    public async Task SavePublishRetractDelete_EachWritesItsRunbookEvent_WithVersionsBeforeAndAfter()
    {
        var user = await shared.Plane.CreateUserAsync(Roles.Operator);
        using var browser = shared.Plane.Browser();
        Assert.Equal(HttpStatusCode.Redirect, (await browser.LoginAsync(user.Email, Passwords.Default)).StatusCode);
        var id = "rb-" + Guid.NewGuid().ToString("N")[..12];
        var model = new
        {
            definitionId = id,
            name = "Audited runbook",
            root = new { id = "flow1", type = "Elsa.Flowchart", version = 1, name = "Flowchart1", activities = Array.Empty<object>(), connections = Array.Empty<object>() },
        };

        await OkAsync(browser.SendAsync(HttpMethod.Post, "/elsa/api/workflow-definitions", new { model, publish = false }));
        await OkAsync(browser.SendAsync(HttpMethod.Post, $"/elsa/api/workflow-definitions/{id}/publish", new { }));
        await OkAsync(browser.SendAsync(HttpMethod.Post, $"/elsa/api/workflow-definitions/{id}/retract", new { }));
        await OkAsync(browser.SendAsync(HttpMethod.Delete, $"/elsa/api/workflow-definitions/{id}"));

        var events = await AuditReading.AllAsync(shared.Plane.Tenant.AppConnectionString, "target = $1", id);
        Assert.Equal(["runbook.saved", "runbook.published", "runbook.retracted", "runbook.deleted"], events.Select(e => e.Kind));
        Assert.All(events, e => Assert.Equal(("user:" + user.Email, "127.0.0.1", "version 1"), (e.Actor, e.Source, e.Detail)));
        Assert.Null(events[0].Before);
        Assert.Equal((1, false), Summary(events[0].After));
        Assert.Equal(((1, false), (1, true)), (Summary(events[1].Before), Summary(events[1].After)));
        Assert.Equal(((1, true), (1, false)), (Summary(events[2].Before), Summary(events[2].After)));
        Assert.NotNull(events[3].Before);
        Assert.Null(events[3].After);
        using var after = JsonDocument.Parse(events[1].After!);
        Assert.Matches("^[0-9a-f]{64}$", after.RootElement.GetProperty("sha256").GetString());
    }

    private static async Task OkAsync(Task<HttpResponseMessage> call)
    {
        using var response = await call;
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    private static (int Version, bool Published) Summary(string? json)
    {
        using var doc = JsonDocument.Parse(json ?? throw new InvalidOperationException("no summary"));
        return (doc.RootElement.GetProperty("version").GetInt32(), doc.RootElement.GetProperty("isPublished").GetBoolean());
    }
}
