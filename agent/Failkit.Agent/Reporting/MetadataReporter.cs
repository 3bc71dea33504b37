using System.Net.Http.Json;

namespace Failkit.Agent.Reporting;

/// <summary>Posts a cycle's metadata to the management plane over mTLS with the enrolled certificate.</summary>
public static class MetadataReporter
{
    public static async Task SendAsync(AgentIdentity identity, MetadataReport report, CancellationToken ct)
    {
        using var http = identity.CreateClient();
        var url = new Uri(identity.Settings().ManagementUrl + "/agent/reports");
        HttpResponseMessage response;
        try
        {
            response = await http.PostAsJsonAsync(url, report, ct);
        }
        catch (HttpRequestException ex)
        {
            throw new AgentException($"metadata report to {url} failed: {ex.Message}");
        }

        using (response)
        {
            if (!response.IsSuccessStatusCode)
            {
                throw new AgentException($"metadata report refused ({(int)response.StatusCode}): {(await response.Content.ReadAsStringAsync(ct)).Trim()}");
            }
        }
    }
}
