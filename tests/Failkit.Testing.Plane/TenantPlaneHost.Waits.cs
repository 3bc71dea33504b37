using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Failkit.Drills;

namespace Failkit.Testing.Plane;

public sealed partial class TenantPlaneHost
{
    /// <summary>Polls <c>GET /api/drills/{id}</c> until <paramref name="done"/> holds, failing with the last body after the timeout.</summary>
    public static async Task<JsonObject> WaitAsync(HttpClient client, Guid id, Func<JsonObject, bool> done, int seconds = 60)
    {
        JsonObject? last = null;
        for (var deadline = DateTime.UtcNow.AddSeconds(seconds); DateTime.UtcNow < deadline; await Task.Delay(100))
        {
            last = (await client.GetFromJsonAsync<JsonObject>($"/api/drills/{id}"))!;
            if (done(last))
            {
                return last;
            }
        }

        throw new TimeoutException($"Drill {id} did not get there in {seconds} s; last seen:\n{last}");
    }

    /// <summary>Posts the decision once the drill waits at its approval gate (before that the API answers 409).</summary>
    public static async Task<HttpResponseMessage> DecideWhenWaitingAsync(HttpClient client, Guid id, object decision, int seconds = 60)
    {
        for (var deadline = DateTime.UtcNow.AddSeconds(seconds); ; await Task.Delay(100))
        {
            var response = await client.PostAsJsonAsync($"/api/drills/{id}/approve", decision);
            if (response.StatusCode != System.Net.HttpStatusCode.Conflict || DateTime.UtcNow > deadline)
            {
                return response;
            }
        }
    }

    public static Task<JsonObject> FinishedAsync(HttpClient client, Guid id, int seconds = 60) =>
        WaitAsync(client, id, d => d["status"]?.GetValue<string>() != DrillStatus.Running, seconds);
}
