using Azure.Storage.Blobs;

namespace Failkit.Agent.Tests.Fixtures;

/// <summary>npm azurite (blob only) on loopback with one container.</summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    public const string Container = "failkit-test";

    // Azurite's documented development account key; it protects nothing.
    private const string DevKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private readonly TempDir _data = new();
    private EmulatorProcess? _process;

    /// <summary>An independent client, so tests check the container without going through the agent.</summary>
    public BlobServiceClient Service { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        TestEnvironment.Ensure();
        var bin = RepoPaths.EmulatorBin("azurite-blob");
        // --skipApiVersionCheck: the SDK sends an API version newer than azurite knows (shared/deps.md).
        _process = await EmulatorProcess.StartAsync(bin, port =>
            ["--blobHost", "127.0.0.1", "--blobPort", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--location", _data.Path, "--skipApiVersionCheck", "--loose", "--silent"]);
        var connection = $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={DevKey};BlobEndpoint=http://127.0.0.1:{_process.Port}/devstoreaccount1;";
        Environment.SetEnvironmentVariable("AZURE_STORAGE_CONNECTION_STRING", connection);
        Service = new BlobServiceClient(connection);
        await Service.GetBlobContainerClient(Container).CreateIfNotExistsAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is not null)
        {
            await _process.DisposeAsync();
        }

        _data.Dispose();
    }
}
