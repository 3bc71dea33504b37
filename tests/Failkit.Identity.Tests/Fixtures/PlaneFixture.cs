namespace Failkit.Identity.Tests.Fixtures;

/// <summary>One tenant plane shared by a test class; every test makes its own users, so none sees another's data.</summary>
public sealed class PlaneFixture : IAsyncLifetime
{
    private TenantPlane? _plane;

    public TenantPlane Plane => _plane ?? throw new InvalidOperationException("Not started.");

    public async ValueTask InitializeAsync() => _plane = await TenantPlane.StartAsync();

    public async ValueTask DisposeAsync()
    {
        if (_plane is not null)
        {
            await _plane.DisposeAsync();
        }
    }
}
