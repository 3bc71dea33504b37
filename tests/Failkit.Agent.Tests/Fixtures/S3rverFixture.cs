namespace Failkit.Agent.Tests.Fixtures;

/// <summary>npm s3rver on loopback with one bucket, shared by the tests of a class.</summary>
public sealed class S3rverFixture : IAsyncLifetime
{
    public const string Bucket = "failkit-test";

    private readonly TempDir _data = new();
    private EmulatorProcess? _process;

    public string Endpoint => $"http://127.0.0.1:{_process!.Port}";

    public async ValueTask InitializeAsync()
    {
        TestEnvironment.Ensure();
        var bin = RepoPaths.EmulatorBin("s3rver");
        _process = await EmulatorProcess.StartAsync(bin, port =>
            ["-a", "127.0.0.1", "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-d", _data.Path, "--configure-bucket", Bucket, "--silent"],
            // s3rver signs list continuation tokens with DES, which Node 17+ only offers through OpenSSL's
            // legacy provider; without it every truncated listing answers 500.
            new Dictionary<string, string> { ["NODE_OPTIONS"] = "--openssl-legacy-provider" });
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
