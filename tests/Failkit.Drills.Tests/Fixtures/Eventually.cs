namespace Failkit.Drills.Tests.Fixtures;

internal static class Eventually
{
    /// <summary>Looks every 20 ms until <paramref name="look"/> finds something, failing after 30 s.</summary>
    public static async Task<string> FoundAsync(Func<string?> look)
    {
        for (var deadline = DateTime.UtcNow.AddSeconds(30); DateTime.UtcNow < deadline; await Task.Delay(20))
        {
            if (look() is { } found)
            {
                return found;
            }
        }

        throw new TimeoutException("The drill never created the resource the test waits for.");
    }
}
