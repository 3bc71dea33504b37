using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Failkit.Activities.Gcp;
using Failkit.CloudFakes.Gcp;
using Failkit.Drills.Cloud;

namespace Failkit.Drills.Tests.Fixtures;

/// <summary>One tenant plane and one GCE fake per test class. Accounts point at the fake through
/// <c>computeEndpoint</c>/<c>storageEndpoint</c>, with a real service-account key whose token_uri is the fake's, so
/// Google.Apis.Auth signs a real JWT.</summary>
public sealed class GcpPlaneFixture : IAsyncLifetime
{
    private const long Granularity = 1 << 20;

    private FakeGcp? _fake;
    private DrillPlane? _plane;
    private string? _key;

    public FakeGcp Fake => _fake ?? throw new InvalidOperationException("Not started.");

    public DrillPlane Plane => _plane ?? throw new InvalidOperationException("Not started.");

    public async ValueTask InitializeAsync()
    {
        using (var rsa = RSA.Create(2048))
        {
            _key = rsa.ExportPkcs8PrivateKeyPem();
        }

        _fake = await FakeGcp.StartAsync("drill-project");
        _fake.RawDiskGranularity = Granularity;
        _fake.PrivateAddress = "127.0.0.1";
        _plane = await DrillPlane.StartAsync(services: s => s.ReplaceCloud<GcpCloudProvider>(_ => new FastGcpCloud(Granularity)));
    }

    public Task<CloudAccountView> AccountAsync() => CloudDrill.AccountAsync(Plane, CloudKind.Gcp, "europe-west1",
        new DrillNetwork("drill-vpc", "drill-subnet", "failkit-drill-deny-prod"), "e2-small",
        new JsonObject
        {
            ["zone"] = "europe-west1-b",
            ["stagingBucket"] = "drill-staging",
            ["computeEndpoint"] = Fake.ComputeEndpoint.ToString(),
            ["storageEndpoint"] = Fake.StorageEndpoint.ToString(),
        },
        new JsonObject
        {
            ["type"] = "service_account",
            ["project_id"] = "drill-project",
            ["private_key_id"] = "0123456789abcdef",
            ["private_key"] = _key,
            ["client_email"] = "drills@drill-project.iam.gserviceaccount.com",
            ["client_id"] = "100000000000000000001",
            ["token_uri"] = Fake.TokenUri.ToString(),
        });

    public async ValueTask DisposeAsync()
    {
        if (_plane is not null)
        {
            await _plane.DisposeAsync();
        }

        if (_fake is not null)
        {
            await _fake.DisposeAsync();
        }
    }
}
