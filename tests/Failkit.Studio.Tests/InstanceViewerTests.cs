using System.Text.Json.Nodes;
using Microsoft.Playwright;

namespace Failkit.Studio.Tests;

public sealed class InstanceViewerTests(StudioHost host, Browser browser)
{
    /// <summary>Every activity of the example's flowchart, as "{type display name} - Completed" in the journal. (The
    /// viewer lists the level on screen; the loop body's activities show when one drills into it.)</summary>
    private static readonly string[] Completed =
        ["Start - Completed", "Write Line - Completed", "For Each - Completed", "Delay - Completed", "If - Completed"];

    [Fact]
    public async Task FinishedRun_JournalListsEveryActivity()
    {
        using var api = await host.ApiClientAsync("operator");
        var run = await api.PostObjectAsync("workflow-definitions/failkit-example/execute", new JsonObject());
        var instanceId = run.Headers.GetValues("x-elsa-workflow-instance-id").Single();
        await Api.EventuallyAsync(async () => (string?)(await api.GetObjectAsync($"workflow-instances/{instanceId}"))["subStatus"] == "Finished", "the run finishes");

        await using var studio = await StudioSession.OpenAsync(browser, host, "auditor", "5-viewer");
        await studio.GotoAsync($"studio/instances/{instanceId}");
        await studio.Node("settle").WaitForAsync();
        await Assertions.Expect(studio.Page.GetByText("Start - Started")).ToBeVisibleAsync();
        await studio.ShotAsync("journal");
        // The journal is virtualised: scroll it until every activity's completion has been on screen.
        var seen = new HashSet<string>();
        await studio.Page.Mouse.MoveAsync(150, 500);
        for (var i = 0; i < 40 && seen.Count < Completed.Length; i++)
        {
            foreach (var text in Completed)
            {
                if (await studio.Page.GetByText(text, new() { Exact = true }).First.IsVisibleAsync())
                {
                    seen.Add(text);
                }
            }

            await studio.Page.Mouse.WheelAsync(0, 250);
            await Task.Delay(150);
        }

        Assert.Equal(Completed.Order(), seen.Order());
        await studio.ShotAsync("journal-end");
        await studio.AssertHealthyAsync();
    }
}
