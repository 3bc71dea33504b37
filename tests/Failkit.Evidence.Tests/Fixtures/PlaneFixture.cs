namespace Failkit.Evidence.Tests.Fixtures;

/// <summary>One tenant plane per test class; each test makes its own account, group and drills. The backstop sweep waits an
/// hour, so a report that appears was made by the runbook's SignDrillReport step (or by a test calling the sweep).</summary>
public sealed class PlaneFixture : IAsyncLifetime
{
    private EvidencePlane? _plane;

    public EvidencePlane Plane => _plane ?? throw new InvalidOperationException("Not started.");

    public async ValueTask InitializeAsync() => _plane = await EvidencePlane.StartAsync(PlaneSettings.Sweep(TimeSpan.FromHours(1)));

    public async ValueTask DisposeAsync()
    {
        if (_plane is not null)
        {
            await _plane.DisposeAsync();
        }
    }
}
