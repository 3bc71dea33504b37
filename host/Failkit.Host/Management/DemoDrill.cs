using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Failkit.Host.Management;

/// <summary>The embedded demo's drill, driven through the demo tenant's public API like a customer's automation: an
/// admin API client sets up a Sim cloud account and a 6-VM, 3-wave protection group, the agent path records recovery
/// points, the operator API client starts a drill, and the per-VM table and the cleanup proof are printed.</summary>
internal sealed class DemoDrill(HttpClient plane, string planeKey, TimeProvider time, string stateDirectory, string slug, string? outbox = null)
{
    public const string GroupName = "demo-app";

    /// <summary>Real-cloud latencies (the Sim defaults) run 20 times faster, so the demo drill takes well under a minute.</summary>
    private const double TimeScale = 0.05;

    private static readonly (string Name, int Wave, string Size)[] Vms =
        [("db-1", 1, "large"), ("db-2", 1, "large"), ("app-1", 2, "medium"), ("app-2", 2, "medium"), ("web-1", 3, "small"), ("web-2", 3, "small")];

    public async Task<JsonObject> RunAsync(TextWriter output, CancellationToken ct)
    {
        using var admin = await ApiClientAsync("demo-setup", "admin", ct);
        var groupId = await EnsureGroupAsync(admin, ct);
        var runbook = await DemoMail.SaveNotifyingRunbookAsync(admin, ct);
        await RecordPointsAsync(ct);
        using var operatorClient = await ApiClientAsync("demo-drills", "operator", ct);
        var started = await operatorClient.PostAsJsonAsync("api/drills", new { protectionGroupId = groupId, runbookDefinitionId = runbook }, ct);
        var body = await started.Content.ReadFromJsonAsync<JsonObject>(ct);
        if (!started.IsSuccessStatusCode || body?["id"] is null)
        {
            throw new InvalidOperationException($"The demo drill did not start ({(int)started.StatusCode}): {body}");
        }

        var id = body["id"]!.GetValue<Guid>();
        output.WriteLine($"  Demo drill:     {id} on protection group '{GroupName}' (6 VMs, 3 waves), running on the SIMULATED cloud...");
        var deadline = time.GetUtcNow().AddMinutes(5);
        while (true)
        {
            var drill = (await operatorClient.GetFromJsonAsync<JsonObject>($"api/drills/{id}", ct))!;
            if (drill["status"]!.GetValue<string>() != "Running")
            {
                DemoDrillTable.Write(output, drill);
                await DemoReport.WriteAsync(operatorClient, id, stateDirectory, slug, output, time, ct);
                var email = await DemoMail.WaitForCompletionEmailAsync(outbox, id, time, ct);
                output.WriteLine(email is null
                    ? "  Completion mail: (none in the outbox: mail goes to the configured relay)"
                    : $"  Completion mail: {email}  (the verdict, with the signed report attached)");
                return drill;
            }

            if (time.GetUtcNow() > deadline)
            {
                throw new TimeoutException($"The demo drill {id} was still running after 5 minutes.");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(500), time, ct);
        }
    }

    private static async Task<Guid> EnsureGroupAsync(HttpClient admin, CancellationToken ct)
    {
        var groups = await admin.GetFromJsonAsync<JsonArray>("api/protection-groups", ct);
        if (groups?.FirstOrDefault(g => g?["name"]?.GetValue<string>() == GroupName) is { } existing)
        {
            return existing["id"]!.GetValue<Guid>();
        }

        var account = await PostAsync(admin, "api/cloud-accounts", new
        {
            name = "demo-sim",
            kind = "Sim",
            region = "sim-eu-1",
            network = new { network = "drill-vnet", subnet = "drill-isolated", securityGroup = "deny-production" },
            instanceTypes = new Dictionary<string, string> { ["small"] = "sim.2x4", ["medium"] = "sim.4x16", ["large"] = "sim.8x64" },
            tags = new Dictionary<string, string> { ["owner"] = "demo" },
            settings = new { seed = 42, timeScale = TimeScale },
        }, ct);
        var group = await PostAsync(admin, "api/protection-groups", new
        {
            name = GroupName,
            cloudAccountId = account["id"]!.GetValue<Guid>(),
            rtoTargetMinutes = 30,
            rpoTargetMinutes = 15,
            vms = Vms.Select(v => new
            {
                name = v.Name,
                wave = v.Wave,
                size = v.Size,
                disks = new[] { new { name = $"demo-{v.Name}-os", sizeBytes = 32L << 30 } },
                probes = new object[]
                {
                    new { name = "health", kind = "Http", url = "http://{address}:8080/health", expectedStatus = 200 },
                    new { name = "port", kind = "Tcp", port = v.Name.StartsWith("db", StringComparison.Ordinal) ? 5432 : 443 },
                },
            }),
        }, ct);
        return group["id"]!.GetValue<Guid>();
    }

    /// <summary>Recovery points arrive the way an agent's reports do: over the plane-key intake the management plane forwards to.</summary>
    private async Task RecordPointsAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        foreach (var (vm, i) in Vms.Select((v, i) => (v.Name, i)))
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "internal/recovery-points")
            {
                Content = JsonContent.Create(new
                {
                    disk = $"demo-{vm}-os",
                    pointId = now.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture) + "-" + vm,
                    pointTime = now.AddMinutes(-(3 + i)),
                    bytesScanned = 32L << 30,
                    bytesChanged = 96L << 20,
                    bytesUploaded = 41L << 20,
                    blockCount = 32768,
                    manifestSha256 = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(vm + now.Ticks))),
                    rpoObservedSeconds = 20 + i,
                    certificateSerial = "de40a6e47",
                    receivedAt = now,
                }),
            };
            request.Headers.Authorization = new AuthenticationHeaderValue(Failkit.Tenancy.PlaneKeys.Scheme, planeKey);
            using var response = await plane.SendAsync(request, ct);
            response.EnsureSuccessStatusCode();
        }
    }

    private async Task<HttpClient> ApiClientAsync(string name, string role, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "internal/api-clients") { Content = JsonContent.Create(new { name, role }) };
        request.Headers.Authorization = new AuthenticationHeaderValue(Failkit.Tenancy.PlaneKeys.Scheme, planeKey);
        using var created = await plane.SendAsync(request, ct);
        var client = (await created.EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonObject>(ct))!;
        using var token = await plane.PostAsync("connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = client["clientId"]!.GetValue<string>(),
            ["client_secret"] = client["clientSecret"]!.GetValue<string>(),
        }), ct);
        var access = (await token.EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonObject>(ct))!["access_token"]!.GetValue<string>();
        var http = new HttpClient { BaseAddress = plane.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", access);
        return http;
    }

    private static async Task<JsonObject> PostAsync(HttpClient client, string path, object body, CancellationToken ct)
    {
        using var response = await client.PostAsJsonAsync(path, body, ct);
        var text = await response.Content.ReadAsStringAsync(ct);
        return response.IsSuccessStatusCode
            ? JsonNode.Parse(text)!.AsObject()
            : throw new InvalidOperationException($"POST {path} answered {(int)response.StatusCode}: {text}");
    }
}
