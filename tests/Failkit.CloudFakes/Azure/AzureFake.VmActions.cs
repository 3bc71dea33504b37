using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Failkit.CloudFakes.Azure;

public sealed partial class AzureFake
{
    private async Task InstanceViewAsync(HttpContext ctx, string id)
    {
        if (Find(id) is not { } vm)
        {
            await NotFoundAsync(ctx, id);
            return;
        }

        var statuses = new JsonArray();
        JsonObject view;
        lock (_gate)
        {
            var state = vm.ProvisioningState.ToLowerInvariant();
            statuses.Add(Status($"ProvisioningState/{state}", $"Provisioning {state}"));
            if (vm.PowerState is { } power)
            {
                statuses.Add(Status($"PowerState/{power}", $"VM {power}"));
            }

            view = new JsonObject { ["computerName"] = vm.Name, ["osName"] = "debian", ["statuses"] = statuses };
            if (vm.PowerState == "running")
            {
                var ready = vm.InstanceViewReads++ >= AgentNotReadyReads;
                view["vmAgent"] = new JsonObject
                {
                    ["vmAgentVersion"] = "2.9.1.1",
                    ["statuses"] = new JsonArray(ready
                        ? Status("ProvisioningState/succeeded", "Ready", "GuestAgent is running and processing the extensions.")
                        : Status("ProvisioningState/Unavailable", "Not Ready", "VM status blob is found but not yet populated.", "Warning")),
                };
            }
        }

        await JsonAsync(ctx, 200, view);
    }

    private static JsonObject Status(string code, string display, string? message = null, string level = "Info")
    {
        var status = new JsonObject { ["code"] = code, ["level"] = level, ["displayStatus"] = display };
        if (message is not null)
        {
            status["message"] = message;
        }

        return status;
    }

    private async Task RunCommandAsync(HttpContext ctx, string operation, string id)
    {
        var body = await ReadJsonAsync(ctx);
        var commandId = body?["commandId"]?.GetValue<string>();
        var script = string.Join('\n', (body?["script"]?.AsArray() ?? []).Select(l => l!.GetValue<string>()));
        if (Find(id) is not { } vm)
        {
            await NotFoundAsync(ctx, id);
            return;
        }

        if (commandId is not ("RunShellScript" or "RunPowerShellScript"))
        {
            await ArmErrorAsync(ctx, 404, "NotFound", "The entity was not found in this Azure location.");
            return;
        }

        if (vm.PowerState != "running")
        {
            await ArmErrorAsync(ctx, 409, "OperationNotAllowed", "Cannot execute Run Command: the VM is not running.");
            return;
        }

        _runCommands.Enqueue(new FakeRunCommand(vm.Name, commandId, script));
        StartOperation(ctx, "Microsoft.Compute", vm.Location, () =>
        {
            var (exit, stdout) = RunScript(vm.Name, script);
            var status = exit == 0
                ? Status("ProvisioningState/succeeded", "Provisioning succeeded", $"Enable succeeded: \n[stdout]\n{stdout}\n\n[stderr]\n")
                : Status($"ProvisioningState/failed/{exit}", "Provisioning failed", $"Enable failed: failed to execute command: command terminated with exit status={exit}\n[stdout]\n{stdout}\n\n[stderr]\n", "Error");
            return new OperationOutcome(new JsonObject { ["value"] = new JsonArray(status) });
        }, withLocation: true);
        if (!DropResponse(ctx, operation))
        {
            await JsonAsync(ctx, 202, null);
        }
    }

    private async Task BootDiagnosticsAsync(HttpContext ctx, string id)
    {
        if (Find(id) is not { } vm)
        {
            await NotFoundAsync(ctx, id);
            return;
        }

        if (vm.Properties["diagnosticsProfile"]?["bootDiagnostics"]?["enabled"]?.GetValue<bool>() != true)
        {
            await ArmErrorAsync(ctx, 409, "OperationNotAllowed", "Boot diagnostics is not enabled on the VM.");
            return;
        }

        var vmId = vm.Properties["vmId"]!.GetValue<string>();
        var blob = $"https://{DiagnosticsStorageAccount}.blob.fake.test/bootdiagnostics-{vm.Name}-{vmId}/{vm.Name}.{vmId}";
        const string sas = "?sv=2022-11-02&sr=b&sp=r&sig=fake-signature";
        await JsonAsync(ctx, 200, new JsonObject
        {
            ["consoleScreenshotBlobUri"] = $"{blob}.screenshot.bmp{sas}",
            ["serialConsoleLogBlobUri"] = $"{blob}.serialconsole.log{sas}",
        });
    }

    /// <summary>What the serial console blob of a VM holds; null when no VM matches.</summary>
    private string? ConsoleLogOf(string blobName)
    {
        lock (_gate)
        {
            var vm = _resources.Values.FirstOrDefault(r =>
                r.PowerState is "running" && blobName.StartsWith($"{r.Name}.{r.Properties["vmId"]}", StringComparison.Ordinal));
            return vm is null ? null : ConsoleFor(vm.Name);
        }
    }
}
