using System.Net;

namespace Failkit.Evidence.Tests.Fixtures;

public static class Downloads
{
    /// <summary>Polls a report route until it answers 200 (the report is made right after the drill finishes).</summary>
    public static async Task<byte[]> WhenReadyAsync(HttpClient client, string url, int seconds = 60)
    {
        HttpResponseMessage? last = null;
        for (var deadline = DateTime.UtcNow.AddSeconds(seconds); DateTime.UtcNow < deadline; await Task.Delay(100))
        {
            last = await client.GetAsync(url);
            if (last.StatusCode == HttpStatusCode.OK)
            {
                return await last.Content.ReadAsByteArrayAsync();
            }
        }

        Assert.Fail($"{url} never answered 200; last {(int?)last?.StatusCode}: {(last is null ? "" : await last.Content.ReadAsStringAsync())}");
        return [];
    }
}
