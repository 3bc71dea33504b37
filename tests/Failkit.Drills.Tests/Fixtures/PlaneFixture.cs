namespace Failkit.Drills.Tests.Fixtures;

/// <summary>One tenant plane per test class; each test makes its own account, group and drill.</summary>
public sealed class PlaneFixture : IAsyncLifetime
{
    private DrillPlane? _plane;

    public DrillPlane Plane => _plane ?? throw new InvalidOperationException("Not started.");

    public async ValueTask InitializeAsync() => _plane = await DrillPlane.StartAsync();

    public async ValueTask DisposeAsync()
    {
        if (_plane is not null)
        {
            await _plane.DisposeAsync();
        }
    }
}
