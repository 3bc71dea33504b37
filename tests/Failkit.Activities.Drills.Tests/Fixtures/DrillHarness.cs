using System.Text.Json.Nodes;
using Failkit.Activities.Sim;
using Failkit.Drills;
using Failkit.Drills.Cloud;
using Failkit.Protection;
using Failkit.Tenancy;
using Failkit.Testing;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Failkit.Activities.Drills.Tests.Fixtures;

/// <summary>The engine (<c>AddFailkitWorkflows</c>, worker off) with the production drill registrations
/// (<c>AddFailkitProtection</c>, <c>AddFailkitDrills</c>, <c>AddSimCloud</c>) over the shared tenant database, all on
/// one <see cref="FakeTimeProvider"/>: the engine's clock, the stores' and the Sim cloud's. Timer bookmarks are resumed
/// by advancing that clock and draining the work queue, as the worker would.</summary>
public sealed partial class DrillHarness : IAsyncDisposable
{
    public static readonly DateTimeOffset Epoch = new(2026, 11, 29, 6, 0, 0, TimeSpan.Zero);

    private readonly List<Guid> _accounts = [];
    private readonly string _prefix = Guid.NewGuid().ToString("N")[..10];

    public DrillHarness(TenantDatabase tenant, Action<IServiceCollection>? services = null)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        Tenant = tenant;
        Host = WorkflowTestHost.Create(s =>
        {
            s.AddLogging();
            s.AddSingleton<TimeProvider>(Time);
            s.AddFailkitProtection(tenant.AppConnectionString);
            s.AddFailkitDrills();
            // Account secrets only need to open inside this harness; no key ring on disk.
            s.AddDataProtection().UseEphemeralDataProtectionProvider();
            s.AddSimCloud();
            services?.Invoke(s);
        });
    }

    public FakeTimeProvider Time { get; } = new(Epoch);

    public TenantDatabase Tenant { get; }

    public WorkflowTestHost Host { get; }

    public DrillStore Drills => Get<DrillStore>();

    public T Get<T>()
        where T : notnull => Host.Services.GetRequiredService<T>();

    /// <summary>A new Sim account (so no test shares a simulated cloud) on the fake clock at time scale 1, with fixed
    /// latencies: hydration takes no time, a boot 45 s, the application 20 s more. <paramref name="settings"/> overrides
    /// keys.</summary>
    public async Task<CloudAccountView> SimAccountAsync(JsonObject? settings = null)
    {
        var merged = new JsonObject { ["seed"] = 7, ["timeScale"] = 1, ["hydrateLatency"] = 0, ["bootLatency"] = 45, ["appReadyDelay"] = 20 };
        foreach (var (key, value) in settings ?? [])
        {
            merged[key] = value?.DeepClone();
        }

        var account = await Get<CloudAccountStore>().CreateAsync(new CloudAccountInput($"sim-{Guid.NewGuid():N}", CloudKind.Sim, "sim-1",
            new DrillNetwork("drill-net", "drill-subnet"), new Dictionary<string, string> { ["small"] = "sim.small" },
            new Dictionary<string, string> { ["owner"] = "activity-tests" }, merged, null), CancellationToken.None);
        _accounts.Add(account.Id);
        return account;
    }

    public static SimCloud CloudOf(CloudAccountView account) =>
        SimCloud.Find(account.Id) ?? throw new InvalidOperationException("No session was opened on the account yet.");

    /// <summary>A VM with one disk (named uniquely for this harness, since points are recorded per disk name) and the
    /// given probes.</summary>
    public ProtectedVm Vm(string name, int wave = 1, params ProbeSpec[] probes) =>
        new(name, wave, "small", [new VmDisk(DiskOf(name), 8L << 30)], probes);

    public string DiskOf(string vm) => $"{_prefix}-{vm}-os";

    public static ProbeSpec Http(string name = "web") => new(name, ProbeKind.Http, Url: "http://{address}/health");

    public static ProbeSpec Tcp(string name = "ssh", int port = 22) => new(name, ProbeKind.Tcp, Port: port);

    public Task<ProtectionGroup> GroupAsync(Guid accountId, IReadOnlyList<ProtectedVm> vms, int rtoMinutes = 60, int rpoMinutes = 60) =>
        Get<ProtectionGroupStore>().CreateAsync(
            new ProtectionGroupInput($"group-{Guid.NewGuid():N}", accountId, rtoMinutes, rpoMinutes, null, null, vms), null, CancellationToken.None);

    public async Task RecordPointAsync(string disk, DateTimeOffset at, double? rpoObservedSeconds = 12.5)
    {
        var (outcome, _) = await Get<RecoveryPointStore>().RecordAsync(new RecoveryPointReport(disk, $"p-{Guid.NewGuid():N}", at, 1 << 20, 1 << 20, 1 << 20, 1,
            new string('a', 64), rpoObservedSeconds, "5eed", at), CancellationToken.None);
        Assert.Equal(RecordOutcome.Created, outcome);
    }

    /// <summary>Records a point for every disk of the group, taken <paramref name="age"/> before now.</summary>
    public async Task RecordPointsAsync(ProtectionGroup group, TimeSpan age)
    {
        foreach (var disk in group.Vms.SelectMany(v => v.Disks))
        {
            await RecordPointAsync(disk.Name, Time.GetUtcNow() - age);
        }
    }

    /// <summary>A running drill of the group, written as <c>DrillLauncher</c> writes it (every VM pending, the group's
    /// targets in seconds, simulated because the account is Sim), requested now.</summary>
    public async Task<Drill> DrillAsync(ProtectionGroup group, DateTimeOffset? recoveryPointBefore = null, bool requireApproval = false)
    {
        ArgumentNullException.ThrowIfNull(group);
        var now = Time.GetUtcNow();
        var drill = new Drill(Guid.CreateVersion7(now), group.Id, DrillStatus.Running, true, new DrillInitiator(DrillInitiator.ApiClient, "activity-tests"),
            "drill-runbook", 1, recoveryPointBefore, requireApproval, group.RtoTargetMinutes * 60, group.RpoTargetMinutes * 60, null, null, now, null, null,
            null, null, null,
            group.Vms.Select(v => new DrillVm(v.Name, v.Wave, VmStatus.Pending, null, null, null, [], new Waterfall(null, null, null, null, null), [], null)).ToList());
        await Drills.CreateAsync(drill, CancellationToken.None);
        return drill;
    }

    /// <summary>A drill whose VMs (by default db with an HTTP probe and app with HTTP and TCP probes, both in wave 1)
    /// had their points selected and were launched now, by the real steps.</summary>
    public async Task<Drill> LaunchedDrillAsync(CloudAccountView account, params ProtectedVm[] vms)
    {
        ArgumentNullException.ThrowIfNull(account);
        var group = await GroupAsync(account.Id, vms is { Length: > 0 } ? vms : [Vm("db", 1, Http()), Vm("app", 1, Http(), Tcp())]);
        await RecordPointsAsync(group, TimeSpan.FromMinutes(5));
        var drill = await DrillAsync(group);
        await PrepareAsync(drill.Id, Step.Named("select", "SelectRecoveryPoints"), Step.Named("boot", "HydrateAndBootVms"));
        return drill;
    }

    /// <summary>As <see cref="LaunchedDrillAsync"/>, then 45 s later (the Sim boot) the boot signal seen: every VM
    /// running, its probes not run yet.</summary>
    public async Task<Drill> BootedDrillAsync(CloudAccountView account, params ProtectedVm[] vms)
    {
        var drill = await LaunchedDrillAsync(account, vms);
        Time.Advance(TimeSpan.FromSeconds(45));
        await PrepareAsync(drill.Id, Step.Named("wait", "WaitForBootSignal"));
        return drill;
    }

    /// <summary>Writes a VM's waterfall as seconds after the epoch (when the harness's drills are requested); a VM with
    /// a green stamp is Green, else still Probing.</summary>
    public Task WriteWaterfallAsync(Guid drillId, string vm, int requested, int diskReady, int running, int signal, int? green)
    {
        static DateTimeOffset At(int seconds) => Epoch.AddSeconds(seconds);
        return Drills.UpdateVmAsync(drillId, vm, new VmProgress(Status: green is null ? VmStatus.Probing : VmStatus.Green, RequestedAt: At(requested),
            DiskReadyAt: At(diskReady), InstanceRunningAt: At(running), BootSignalAt: At(signal), ProbesGreenAt: green is { } g ? At(g) : null),
            CancellationToken.None);
    }

    public async Task<Drill> ReloadAsync(Guid drillId) =>
        await Drills.FindAsync(drillId, CancellationToken.None) ?? throw new InvalidOperationException($"Drill {drillId} is gone.");

    /// <summary>One statement as the tenant's application role, for a state the activities cannot be made to reach
    /// (a crash between two writes, an account edited behind a running drill).</summary>
    public Task<int> SqlAsync(string sql, params object[] args) => TestSql.ExecuteAsync(Tenant.AppConnectionString, sql, args);

    public async Task<DrillVm> VmStateAsync(Guid drillId, string vm) => (await ReloadAsync(drillId)).Vms.Single(v => v.Name == vm);

    public ValueTask DisposeAsync()
    {
        foreach (var account in _accounts)
        {
            SimCloud.Forget(account);
        }

        return Host.DisposeAsync();
    }
}
