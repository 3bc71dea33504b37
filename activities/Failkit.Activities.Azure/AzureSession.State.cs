using System.Text;
using Azure;
using Azure.Core;
using Azure.ResourceManager.Compute;
using Azure.ResourceManager.Compute.Models;
using Azure.Storage.Blobs;
using Failkit.Drills.Cloud;

namespace Failkit.Activities.Azure;

internal sealed partial class AzureSession
{
    private const int ConsoleTailChars = 4096;

    public async Task<InstanceState> GetStateAsync(CloudInstance instance, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(instance);
        var vm = _arm.GetVirtualMachineResource(new ResourceIdentifier(instance.Id));
        var view = await CallAsync("read the VM's instance view", c => OrNullWhenMissingAsync(() => vm.InstanceViewAsync(c)), ct);
        if (view is null)
        {
            return new InstanceState(InstancePhase.Terminated, null, null, null, "the VM does not exist");
        }

        var provisioning = Code(view.Statuses, "ProvisioningState/") ?? "unknown";
        var power = Code(view.Statuses, "PowerState/");
        var phase = provisioning.StartsWith("failed", StringComparison.OrdinalIgnoreCase) ? InstancePhase.Failed
            : provisioning.Equals("deleting", StringComparison.OrdinalIgnoreCase) ? InstancePhase.Terminated
            : power switch
            {
                "running" => InstancePhase.Running,
                "stopping" or "stopped" or "deallocating" or "deallocated" => InstancePhase.Stopped,
                _ => InstancePhase.Pending,
            };

        // The guest agent reporting Ready is Azure's nearest thing to EC2's status checks.
        bool? checks = view.VmAgent is null ? null : view.VmAgent.Statuses.Any(s =>
            s.Code == "ProvisioningState/succeeded" && string.Equals(s.DisplayStatus, "Ready", StringComparison.OrdinalIgnoreCase));
        var console = phase == InstancePhase.Running ? await ConsoleTailAsync(vm, ct) : null;
        var address = await AddressAsync(instance, vm, ct);
        var agent = (view.VmAgent?.Statuses is { Count: > 0 } agentStatuses ? agentStatuses[0].DisplayStatus : null) ?? "not reporting";
        return new InstanceState(phase, checks, console, address, $"provisioning {provisioning}, power {power ?? "unknown"}, agent {agent}");
    }

    public async Task<ProbeAttempt> ProbeAsync(CloudInstance instance, ProbeSpec probe, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(instance);
        ArgumentNullException.ThrowIfNull(probe);
        if (probe.Kind != ProbeKind.Script)
        {
            var address = await AddressAsync(instance, _arm.GetVirtualMachineResource(new ResourceIdentifier(instance.Id)), ct);
            return await DirectProbe.RunAsync(instance with { PrivateAddress = address }, probe, ct);
        }

        if (string.IsNullOrWhiteSpace(probe.Script))
        {
            return new ProbeAttempt(false, $"the script probe {probe.Name} has no script");
        }

        var input = new RunCommandInput(_settings.OsType == "Windows" ? "RunPowerShellScript" : "RunShellScript");
        foreach (var line in probe.Script.ReplaceLineEndings("\n").Split('\n'))
        {
            input.Script.Add(line);
        }

        var vm = _arm.GetVirtualMachineResource(new ResourceIdentifier(instance.Id));
        try
        {
            var (result, requestId) = await CallAsync("run the probe script", async c =>
                await CompleteAsync(await vm.RunCommandAsync(WaitUntil.Started, input, c), c), ct);
            var statuses = result.Value;
            // Linux reports one status whose code ends in failed/<exit code> when the script exits non-zero.
            var passed = statuses.Count > 0 && statuses.All(s => s.Code?.Contains("/failed", StringComparison.OrdinalIgnoreCase) != true);
            var detail = string.Join("\n", statuses.Select(s => $"{s.Code}: {s.Message}")).Trim();
            return new ProbeAttempt(passed, detail.Length > 2000 ? detail[..2000] : detail, requestId);
        }
        catch (CloudOperationException ex)
        {
            return new ProbeAttempt(false, ex.Message, ex.RequestId);
        }
    }

    /// <summary>The address from the launch, or, for a session that did not launch the VM, from its primary NIC.</summary>
    private async Task<string?> AddressAsync(CloudInstance instance, VirtualMachineResource vm, CancellationToken ct)
    {
        if ((instance.PrivateAddress ?? _addresses.GetValueOrDefault(instance.Id)) is { } known)
        {
            return known;
        }

        var data = await CallAsync("read the VM", c => OrNullWhenMissingAsync(() => vm.GetAsync(cancellationToken: c)), ct);
        var nics = data?.Data.NetworkProfile?.NetworkInterfaces;
        if (nics is not { Count: > 0 } || (nics.FirstOrDefault(n => n.Primary == true) ?? nics[0]).Id is not { } nicId)
        {
            return null;
        }

        var nic = await CallAsync("read the VM's NIC", c => OrNullWhenMissingAsync(() => _arm.GetGenericResource(nicId).GetAsync(c)), ct);
        var address = nic is null ? null : PrivateAddressOf(nic.Data);
        if (address is not null)
        {
            _addresses[instance.Id] = address;
        }

        return address;
    }

    private static string? Code(IEnumerable<InstanceViewStatus> statuses, string prefix) =>
        statuses.Select(s => s.Code).FirstOrDefault(c => c?.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) == true)?[prefix.Length..];

    /// <summary>The end of the serial console from boot diagnostics; null when Azure has none to give yet.</summary>
    private async Task<string?> ConsoleTailAsync(VirtualMachineResource vm, CancellationToken ct)
    {
        try
        {
            return await CallAsync("read the VM's serial console", async c =>
            {
                var links = await vm.RetrieveBootDiagnosticsDataAsync(cancellationToken: c);
                if (links.Value.SerialConsoleLogBlobUri is not { } uri)
                {
                    return null;
                }

                // The link carries its own SAS: no credential, only the session's transport.
                var log = await new BlobClient(uri, _blobOptions).DownloadContentAsync(c);
                var text = Encoding.UTF8.GetString(log.Value.Content.ToMemory().Span);
                return text.Length > ConsoleTailChars ? text[^ConsoleTailChars..] : text;
            }, ct);
        }
        catch (CloudOperationException)
        {
            return null;
        }
    }
}
