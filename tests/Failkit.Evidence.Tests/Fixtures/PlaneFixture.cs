namespace Failkit.Evidence.Tests.Fixtures;

/// <summary>One tenant plane per test class; each test makes its own account, group and drills.</summary>
public sealed class PlaneFixture : IAsyncLifetime
{
    private EvidencePlane? _plane;

    public EvidencePlane Plane => _plane ?? throw new InvalidOperationException("Not started.");

    public async ValueTask InitializeAsync() => _plane = await EvidencePlane.StartAsync();

    public async ValueTask DisposeAsync()
    {
        if (_plane is not null)
        {
            await _plane.DisposeAsync();
        }
    }
}
