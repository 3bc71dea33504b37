using System.Net.Http.Json;
using System.Text.Json.Nodes;
using MimeKit;

namespace Failkit.Host.Management;

/// <summary>The demo's drill-completion email: a copy of the built-in runbook whose "Notify on completion" step emails
/// the owner, saved through the Workflow API the way the Studio would; then the .eml the step wrote to the outbox.
/// The built-in runbook itself stays off (docs/decisions/notifications-drills.md); the copy is the tenant's choice,
/// made here on the demo tenant's behalf (docs/decisions/notifications-demo-mail.md).</summary>
internal static class DemoMail
{
    public const string RunbookId = "demo-drill-runbook";

    public static async Task<string> SaveNotifyingRunbookAsync(HttpClient editor, CancellationToken ct)
    {
        var runbook = (await editor.GetFromJsonAsync<JsonObject>("elsa/api/workflow-definitions/by-definition-id/drill-runbook?versionOptions=Published", ct))!;
        var notify = runbook["root"]!["activities"]!.AsArray().Single(a => a?["id"]?.GetValue<string>() == "notify")!.AsObject();
        notify["roles"] = new JsonObject { ["typeName"] = "String", ["expression"] = new JsonObject { ["type"] = "Literal", ["value"] = "owner" } };
        notify["name"] = "Notify on completion (emails the owner)";
        foreach (var key in new[] { "id", "version", "isLatest", "isPublished", "links", "createdAt" })
        {
            runbook.Remove(key);
        }

        runbook["definitionId"] = RunbookId;
        runbook["name"] = "Demo drill runbook";
        using var saved = await editor.PostAsJsonAsync("elsa/api/workflow-definitions", new JsonObject { ["model"] = runbook, ["publish"] = true }, ct);
        if (!saved.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"the demo runbook was not saved ({(int)saved.StatusCode}): {await saved.Content.ReadAsStringAsync(ct)}");
        }

        return RunbookId;
    }

    /// <summary>The step runs after the drill's verdict is stored, so the email may trail the status by a moment.</summary>
    public static async Task<string?> WaitForCompletionEmailAsync(string? outbox, Guid drillId, TimeProvider time, CancellationToken ct)
    {
        if (outbox is null)
        {
            return null;
        }

        var deadline = time.GetUtcNow().AddMinutes(1);
        while (time.GetUtcNow() < deadline)
        {
            foreach (var file in Directory.Exists(outbox) ? Directory.GetFiles(outbox, "*.eml") : [])
            {
                var message = await MimeMessage.LoadAsync(file, ct);
                if (message.TextBody?.Contains($"Drill {drillId} ", StringComparison.Ordinal) == true)
                {
                    return file;
                }
            }

            await Task.Delay(TimeSpan.FromMilliseconds(300), time, ct);
        }

        return null;
    }
}
