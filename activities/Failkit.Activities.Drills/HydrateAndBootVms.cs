using Failkit.Drills;
using Failkit.Drills.Cloud;
using Failkit.Workflows.Core;

namespace Failkit.Activities.Drills;

/// <summary>Every VM of the wave in parallel: its disks hydrated from the chosen points, then launched in the isolated
/// drill network with the drill tag. Idempotency keys derive from the drill, VM and disk, so a step rerun after a
/// crash finds what it created instead of creating it twice.</summary>
[Activity("Failkit", "Cloud", "Hydrate each VM's disks from its recovery point and launch it in the isolated drill network, tagged with the drill id.")]
public sealed class HydrateAndBootVms : DrillActivity
{
    private const int LostAnswerAttempts = 3;

    [Output(Description = "How many VMs were launched.")]
    public Output<int> Launched { get; set; } = new();

    protected override bool AutoComplete => true;

    public override async ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        var run = await LoadAsync(context);
        var ct = context.CancellationToken;
        var selected = SelectVms(context, run);
        if (run.CancelRequested)
        {
            await run.CancelPendingAsync(selected.Select(s => s.State), ct);
            return;
        }

        var images = context.GetRequiredService<IRecoveryPointImages>();
        await using var session = run.Provider.Open(run.Account);
        var todo = selected.Where(s => s.State.Status is VmStatus.Pending or VmStatus.Hydrating or VmStatus.Booting && s.State.InstanceId is null).ToList();
        var results = await Task.WhenAll(todo.Select(s => BootAsync(context, run, session, images, s.Config, s.State, ct)));
        context.Set(Launched, results.Count(r => r));
    }

    private static async Task<bool> BootAsync(ActivityExecutionContext context, DrillRun run, ICloudSession session, IRecoveryPointImages images,
        ProtectedVm config, DrillVm state, CancellationToken ct)
    {
        var id = run.Drill.Id;
        try
        {
            await run.Store.UpdateVmAsync(id, config.Name, new VmProgress(Status: VmStatus.Hydrating, RequestedAt: context.Now), ct);
            var disks = new List<CloudDisk>();
            foreach (var disk in config.Disks)
            {
                var point = state.RecoveryPoints?.FirstOrDefault(p => p.Disk == disk.Name)
                    ?? throw new CloudOperationException($"no recovery point was selected for disk {disk.Name}");
                var key = $"{id:n}-{config.Name}-{disk.Name}";
                var hydrated = await AgainIfAnswerLostAsync(() => session.HydrateAsync(new HydrateRequest(run.Tag, config.Name, key, images.ImageOf(point, disk), run.TagsFor(config.Name)), ct), ct);
                disks.Add(hydrated);
                await run.Store.UpdateVmAsync(id, config.Name, new VmProgress(RequestIds: hydrated.RequestIds), ct);
            }

            await run.Store.UpdateVmAsync(id, config.Name, new VmProgress(Status: VmStatus.Booting, DiskReadyAt: context.Now), ct);
            var type = run.Account.InstanceTypes.GetValueOrDefault(config.Size, config.Size);
            var instance = await AgainIfAnswerLostAsync(() => session.LaunchAsync(new LaunchRequest(run.Tag, config.Name, $"{id:n}-{config.Name}", disks, type, run.TagsFor(config.Name)), ct), ct);
            await run.Store.UpdateVmAsync(id, config.Name,
                new VmProgress(InstanceId: instance.Id, PrivateAddress: instance.PrivateAddress, RequestIds: instance.RequestIds), ct);
            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            // One VM's failure is that VM's verdict, not the drill's end: the others boot, and cleanup still runs.
            var requestId = (ex as CloudOperationException)?.RequestId;
            await run.Store.UpdateVmAsync(id, config.Name, new VmProgress(Status: VmStatus.Failed, Error: $"boot failed: {ex.Message}",
                RequestIds: requestId is null ? null : [requestId]), ct);
            return false;
        }
    }

    // A lost answer (connection reset, no answer in time) says nothing about whether the cloud did the work. The
    // idempotency key makes asking again safe: the retry finds what the first call created, so a network blip neither
    // fails a VM that booted nor launches a second one.
    private static async Task<T> AgainIfAnswerLostAsync<T>(Func<Task<T>> call, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await call();
            }
            catch (Exception ex) when (attempt < LostAnswerAttempts && !ct.IsCancellationRequested && AnswerLost(ex))
            {
            }
        }
    }

    private static bool AnswerLost(Exception ex)
    {
        for (Exception? e = ex; e is not null; e = e.InnerException)
        {
            if (e is HttpRequestException or IOException)
            {
                return true;
            }
        }

        return false;
    }
}
