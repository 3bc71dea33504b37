using Failkit.Drills;
using Failkit.Drills.Cloud;
using Failkit.Workflows.Core;

namespace Failkit.Activities.Drills;

/// <summary>Runs each booted VM's probes (HTTP, TCP, script) until all pass, retrying every poll interval up to the
/// attempt limit or the timeout. A VM without probes is green once booted.</summary>
[Activity("Failkit", "Drills", "Check that each VM's applications answer: HTTP(S) status and body, a TCP port, or a script through the cloud's run-command.")]
[FlowNode("Passed", "Failed")]
public sealed class ProbeVms : PollingDrillActivity
{
    [Input(Description = "How many times a probe is tried before the VM fails.")]
    public Input<int> Attempts { get; set; } = new(30);

    private protected override async Task<string?> PollAsync(ActivityExecutionContext context, bool timedOut)
    {
        var run = await LoadAsync(context);
        var ct = context.CancellationToken;
        var selected = SelectVms(context, run);
        if (run.CancelRequested)
        {
            await run.CancelPendingAsync(selected.Select(s => s.State), ct);
            return "Failed";
        }

        var attempt = context.GetProperty<int>("attempt") + 1;
        context.SetProperty("attempt", attempt);
        var exhausted = timedOut || attempt >= Math.Max(1, context.Get(Attempts));
        await using var session = run.Provider.Open(run.Account);
        var probing = selected.Where(s => s.State.Status is VmStatus.Running or VmStatus.Probing).ToList();
        var outcomes = await Task.WhenAll(probing.Select(s => ProbeAsync(context, session, s.Config, s.State, attempt, exhausted, ct)));
        await run.Store.UpdateVmsAsync(run.Drill.Id, outcomes, ct);

        if (outcomes.Any(o => o.Progress.Status == VmStatus.Probing))
        {
            return null;
        }

        var greenNow = outcomes.Where(o => o.Progress.Status == VmStatus.Green).Select(o => o.Name).ToHashSet();
        return selected.All(s => s.State.Status == VmStatus.Green || greenNow.Contains(s.Config.Name)) ? "Passed" : "Failed";
    }

    private static async Task<(string Name, VmProgress Progress)> ProbeAsync(ActivityExecutionContext context, ICloudSession session, ProtectedVm config,
        DrillVm state, int attempt, bool exhausted, CancellationToken ct)
    {
        var instance = new CloudInstance(state.InstanceId!, state.PrivateAddress, []);
        var results = new List<ProbeResult>();
        var requestIds = new List<string>();
        foreach (var probe in config.Probes)
        {
            var previous = state.Probes.FirstOrDefault(p => p.Name == probe.Name);
            if (previous is { Passed: true })
            {
                results.Add(previous);
                continue;
            }

            ProbeAttempt outcome;
            try
            {
                outcome = await session.ProbeAsync(instance, probe, ct);
            }
            catch (Exception ex) when (ex is CloudOperationException or CloudThrottledException)
            {
                // Throttling that outlasted the retries is a failed attempt like a refusal, tried again next poll; it
                // must not fault the step for every VM of the wave.
                outcome = new ProbeAttempt(false, ex.Message, (ex as CloudOperationException)?.RequestId);
            }

            if (outcome.RequestId is { } rid)
            {
                requestIds.Add(rid);
            }

            results.Add(new ProbeResult(probe.Name, probe.Kind.ToString(), outcome.Passed, attempt, outcome.Detail, context.Now));
        }

        if (results.All(r => r.Passed))
        {
            return (config.Name, new VmProgress(Status: VmStatus.Green, ProbesGreenAt: context.Now, Probes: results, RequestIds: requestIds));
        }

        if (exhausted)
        {
            var failed = results.Where(r => !r.Passed).Select(r => $"{r.Name} ({r.Detail})");
            return (config.Name, new VmProgress(Status: VmStatus.Failed, Probes: results, RequestIds: requestIds,
                Error: $"probes failed after {attempt} attempts: {string.Join("; ", failed)}"));
        }

        return (config.Name, new VmProgress(Status: VmStatus.Probing, Probes: results, RequestIds: requestIds));
    }
}
