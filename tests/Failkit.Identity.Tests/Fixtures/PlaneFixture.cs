namespace Failkit.Identity.Tests.Fixtures;

/// <summary>One tenant plane shared by a test class; every test makes its own users, so none sees another's data.</summary>
public class PlaneFixture : IAsyncLifetime
{
    private TenantPlane? _plane;

    public TenantPlane Plane => _plane ?? throw new InvalidOperationException("Not started.");

    protected virtual bool FullBcryptCost => false;

    public async ValueTask InitializeAsync() => _plane = await TenantPlane.StartAsync(fullBcryptCost: FullBcryptCost);

    public async ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        if (_plane is not null)
        {
            await _plane.DisposeAsync();
        }
    }
}

/// <summary>A shared plane hashing at production's cost 12, for the tests that claim it.</summary>
public sealed class FullCostPlaneFixture : PlaneFixture
{
    protected override bool FullBcryptCost => true;
}

/// <summary>One plane for the whole test assembly, for tests on the system clock that need no management plane and
/// make their own users, clients and rows (each starting a plane costs seconds of CPU on a shared CI machine).</summary>
public sealed class SharedPlane : PlaneFixture;
