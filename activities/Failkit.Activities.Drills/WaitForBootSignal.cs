using Failkit.Drills;
using Failkit.Drills.Cloud;
using Failkit.Workflows.Core;

namespace Failkit.Activities.Drills;

[Activity("Failkit", "Cloud", "Wait until each VM runs and gives its boot signal: the cloud's status checks, or a marker on the serial console.")]
public sealed class WaitForBootSignal : PollingDrillActivity
{
    [Input(Description = "A text the serial console shows once the OS is up (e.g. 'login:'); empty means the cloud's status checks.")]
    public Input<string> BootMarker { get; set; } = new("");

    [Input(Description = "Which signal counts as booted: Auto (the marker when one is set, else the status checks), StatusChecks, ConsoleMarker or InstanceRunning (the cloud says running; for images without an agent).",
        DefaultValue = "Auto")]
    public Input<BootSignal> Signal { get; set; } = new(BootSignal.Auto);

    private protected override async Task<string?> PollAsync(ActivityExecutionContext context, bool timedOut)
    {
        var run = await LoadAsync(context);
        var ct = context.CancellationToken;
        var waiting = SelectVms(context, run).Where(s => s.State.Status == VmStatus.Booting && s.State.InstanceId is not null).ToList();
        if (run.CancelRequested)
        {
            await run.CancelPendingAsync(SelectVms(context, run).Select(s => s.State), ct);
            return "Done";
        }

        var marker = context.Get(BootMarker);
        var kind = context.Get(Signal);
        await using var session = run.Provider.Open(run.Account);
        var looks = await Task.WhenAll(waiting.Select(async s =>
        {
            try
            {
                var look = await session.GetStateAsync(new CloudInstance(s.State.InstanceId!, s.State.PrivateAddress, []), ct);
                return (s.Config.Name, Progress: Look(context, look, kind, marker, timedOut, s.State));
            }
            catch (CloudOperationException ex)
            {
                return (s.Config.Name, Progress: new VmProgress(Status: VmStatus.Failed, Error: $"state unknown: {ex.Message}"));
            }
            catch (CloudThrottledException ex)
            {
                // A busy API is not a failed VM, and must not fault the step for the whole wave: look again next poll.
                return (s.Config.Name, Progress: timedOut
                    ? new VmProgress(Status: VmStatus.Failed, Error: $"state unknown at the timeout: {ex.Message}")
                    : new VmProgress());
            }
        }));
        await run.Store.UpdateVmsAsync(run.Drill.Id, looks, ct);

        var pending = looks.Count(l => l.Progress.Status is null);
        return pending == 0 ? "Done" : null;
    }

    private static VmProgress Look(ActivityExecutionContext context, InstanceState look, BootSignal kind, string? marker, bool timedOut, DrillVm state)
    {
        var now = context.Now;
        if (look.Phase is InstancePhase.Failed or InstancePhase.Terminated or InstancePhase.Stopped)
        {
            return new VmProgress(Status: VmStatus.Failed, Error: $"instance {look.Phase.ToString().ToLowerInvariant()}{(look.Detail is null ? "" : ": " + look.Detail)}");
        }

        var running = look.Phase == InstancePhase.Running;
        var byMarker = !string.IsNullOrEmpty(marker) && look.ConsoleTail?.Contains(marker, StringComparison.Ordinal) == true;
        var signal = running && kind switch
        {
            BootSignal.InstanceRunning => true,
            BootSignal.StatusChecks => look.StatusChecksPassed ?? true,
            BootSignal.ConsoleMarker => byMarker,
            _ => string.IsNullOrEmpty(marker) ? look.StatusChecksPassed ?? true : byMarker,
        };
        if (signal)
        {
            return new VmProgress(Status: VmStatus.Running, PrivateAddress: look.PrivateAddress, InstanceRunningAt: now, BootSignalAt: now);
        }

        if (timedOut)
        {
            return new VmProgress(Status: VmStatus.Failed, InstanceRunningAt: running ? now : null,
                Error: running ? "no boot signal before the timeout" : $"still {look.Phase.ToString().ToLowerInvariant()} at the timeout");
        }

        return new VmProgress(PrivateAddress: look.PrivateAddress, InstanceRunningAt: running && state.Waterfall.InstanceRunningAt is null ? now : null);
    }
}
