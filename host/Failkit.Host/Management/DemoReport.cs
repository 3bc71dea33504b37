using System.IO.Compression;
using System.Net;
using System.Text.Json.Nodes;

namespace Failkit.Host.Management;

/// <summary>The demo drill's signed evidence, fetched the way an auditor would: the tenant's report export and, from
/// the well-known URL, its public keys, written to <c>.failkit/reports/</c> so the printed verify command works.</summary>
internal static class DemoReport
{
    public static async Task WriteAsync(HttpClient reader, Guid drillId, string stateDirectory, string slug, TextWriter output, TimeProvider time, CancellationToken ct)
    {
        var deadline = time.GetUtcNow().AddMinutes(2);
        JsonObject? manifest = null;
        while (manifest is null)
        {
            using var response = await reader.GetAsync($"api/drills/{drillId}/report.json", ct);
            if (response.IsSuccessStatusCode)
            {
                manifest = JsonNode.Parse(await response.Content.ReadAsStringAsync(ct))!.AsObject();
            }
            else if (response.StatusCode != HttpStatusCode.NotFound || time.GetUtcNow() > deadline)
            {
                throw new InvalidOperationException($"the drill's report is not available ({(int)response.StatusCode})");
            }
            else
            {
                await Task.Delay(TimeSpan.FromMilliseconds(300), time, ct);
            }
        }

        var folder = Path.Combine(stateDirectory, "reports", slug);
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }

        Directory.CreateDirectory(folder);
        using (var zip = new MemoryStream(await reader.GetByteArrayAsync("api/reports/export", ct)))
        {
            await ZipFile.ExtractToDirectoryAsync(zip, folder, ct);
        }

        // The keys come from the published URL, not from the export: a verifier trusts what the tenant publishes.
        var keys = Path.Combine(stateDirectory, "reports", slug + "-report-keys.json");
        await File.WriteAllBytesAsync(keys, await reader.GetByteArrayAsync(".well-known/failkit/report-keys", ct), ct);
        var chain = Directory.GetFiles(folder, "report-*.sig").Length;
        output.WriteLine($"    signed report No. {manifest["report_number"]} ({chain} in the tenant's chain), exported to {Relative(folder)}");
        output.WriteLine($"    verify it offline: ./failkit verify {Relative(folder)} --public-key {Relative(keys)}");
    }

    private static string Relative(string path) => Path.GetRelativePath(Environment.CurrentDirectory, path);
}
