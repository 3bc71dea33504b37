using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Failkit.Agent.Cli;
using Failkit.Agent.Crypto;
using Failkit.Agent.Replication;
using Failkit.Management.Tests.Fixtures;
using Failkit.Tenancy;

namespace Failkit.Management.Tests.Reports;

/// <summary>The real agent enrolls, replicates a disk image into a local bucket and reports; the report crosses the
/// management plane into a real tenant plane. Both planes must see the metadata fields and nothing else.</summary>
public sealed class RealAgentForwardingTests : IAsyncLifetime, IDisposable
{
    private static readonly string[] AgentFields =
        ["disk", "pointId", "pointTime", "bytesScanned", "bytesChanged", "bytesUploaded", "blockCount", "manifestSha256", "rpoObservedSeconds"];

    private readonly string _dir = Path.Combine(Path.GetTempPath(), "failkit-mgmt-tests", Guid.NewGuid().ToString("N"));
    private Forwarding _forwarding = null!;

    public async ValueTask InitializeAsync()
    {
        Directory.CreateDirectory(_dir);
        _forwarding = await Forwarding.StartAsync();
    }

    public async ValueTask DisposeAsync() => await _forwarding.DisposeAsync();

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task RealSync_ReachesTheTenantPlane_AsExactlyTheMetadataFields_AndNoPayloadOrKeyByte()
    {
        var slug = Forwarding.NewSlug();
        var server = _forwarding.Server;
        await using var plane = await _forwarding.PlaneAsync(slug);
        var (_, token) = await server.TenantWithAgentTokenAsync(slug);
        var state = Path.Combine(_dir, "state");
        var bucket = Directory.CreateDirectory(Path.Combine(_dir, "bucket")).FullName;
        var image = Path.Combine(_dir, "disk.img");
        // Two and a half 1 MiB blocks of random bytes: nothing in them can pass for JSON or SQL text by chance.
        await File.WriteAllBytesAsync(image, RandomNumberGenerator.GetBytes((5 << 20) / 2));
        server.WriteServerCaPem(Path.Combine(_dir, "server-ca.pem"));

        await AgentAsync(state, "enroll", "--url", server.Url, "--token", token, "--server-ca", Path.Combine(_dir, "server-ca.pem"));
        await AgentAsync(state, "protect", "--disk", image, "--name", "vm1/disk0", "--target", "dir:" + bucket);
        var sync = await AgentAsync(state, "sync");
        Assert.Contains("metadata reported", sync, StringComparison.Ordinal);

        var manifestPath = Directory.GetFiles(Path.Combine(bucket, "vm1", "disk0", "points"), "*.json").Single();
        var manifestBytes = await File.ReadAllBytesAsync(manifestPath);
        var manifest = Manifest.Parse(manifestBytes);
        var serial = await server.ScalarAsync<string>("SELECT serial FROM management.issued_certificates");

        // What the agent sent the management plane: its nine metadata fields.
        var sent = Assert.Single(_forwarding.Capture.Received, r => r.Path == "/agent/reports");
        Assert.Equal(AgentFields.Order(StringComparer.Ordinal), FieldNames(sent.Body));

        // What the tenant plane received: the same nine, the certificate serial and the receipt time, under its key.
        var forwarded = Assert.Single(plane.Received);
        Assert.Equal("/internal/recovery-points", forwarded.Path);
        Assert.Equal($"PlaneKey {PlaneKeys.Derive(_forwarding.ManagementSecret, TenantSlug.Parse(slug))}", forwarded.Authorization);
        Assert.Equal(AgentFields.Append("certificateSerial").Append("receivedAt").Order(StringComparer.Ordinal), FieldNames(forwarded.Body));
        using var json = JsonDocument.Parse(forwarded.Body);
        var root = json.RootElement;
        Assert.Equal("vm1/disk0", root.GetProperty("disk").GetString());
        Assert.Equal(manifest.PointId, root.GetProperty("pointId").GetString());
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(manifestBytes)), root.GetProperty("manifestSha256").GetString());
        Assert.Equal(new FileInfo(image).Length, root.GetProperty("bytesScanned").GetInt64());
        Assert.Equal(manifest.Blocks.Count, root.GetProperty("blockCount").GetInt32());
        Assert.Equal(serial, root.GetProperty("certificateSerial").GetString());

        // It is now a recovery point the drills can select, and the outbox row is marked delivered.
        var point = await plane.Queries.LatestForDiskAsync("vm1/disk0", null, CancellationToken.None);
        Assert.Equal(manifest.PointId, point?.PointId);
        Assert.NotNull(await _forwarding.ForwardedAtAsync(manifest.PointId));

        await AssertNoSecretReachedFailkitAsync(plane, state, bucket, image, manifest);
    }

    private async Task AssertNoSecretReachedFailkitAsync(TenantPlaneServer plane, string state, string bucket, string image, Manifest manifest)
    {
        var observed = _forwarding.Capture.Received.Select(r => r.Body)
            .Concat(plane.Received.Select(r => r.Body))
            .Append(Encoding.UTF8.GetBytes(await Dump.AllTablesAsync(_forwarding.Server.ConnectionString)))
            .Append(Encoding.UTF8.GetBytes(await plane.DumpDatabaseAsync()))
            .ToList();
        var text = string.Join('\n', observed.Select(Encoding.UTF8.GetString));
        var scan = new LeakScan(observed);

        var kekFile = Path.Combine(state, "keys", "local.key");
        var kek = Convert.FromBase64String((await File.ReadAllTextAsync(kekFile)).Trim());
        var wrapper = new LocalKeyFileWrapper(kekFile);
        var dataKeys = new List<byte[]>();
        foreach (var wrapped in manifest.Keys.Values)
        {
            dataKeys.Add(await wrapper.UnwrapAsync(wrapped, CancellationToken.None));
            Assert.DoesNotContain(wrapped.Wrapped, text, StringComparison.Ordinal);
        }

        var agentKey = Convert.FromBase64String(string.Concat((await File.ReadAllLinesAsync(Path.Combine(state, "identity", "agent.key")))
            .Where(l => !l.StartsWith("-----", StringComparison.Ordinal))));
        var secrets = new List<(string What, byte[] Bytes)> { ("disk image", await File.ReadAllBytesAsync(image)), ("key-encryption key", kek), ("agent TLS key", agentKey) };
        secrets.AddRange(dataKeys.Select(k => ("data key", k)));
        foreach (var block in Directory.GetFiles(Path.Combine(bucket, "vm1", "disk0", "blocks"), "*", SearchOption.AllDirectories))
        {
            secrets.Add(("ciphertext " + Path.GetFileName(block), await File.ReadAllBytesAsync(block)));
        }

        Assert.Equal(manifest.Blocks.Count, secrets.Count(s => s.What.StartsWith("ciphertext", StringComparison.Ordinal)));
        foreach (var (what, bytes) in secrets)
        {
            Assert.True(scan.FirstHit(bytes) < 0, $"bytes of the {what} reached a plane");
            Assert.DoesNotContain(Convert.ToBase64String(bytes)[..16], text, StringComparison.Ordinal);
            Assert.DoesNotContain(Convert.ToHexStringLower(bytes)[..16], text, StringComparison.OrdinalIgnoreCase);
        }

        // The manifest's per-block details (plaintext hashes, nonces) stay in the bucket too.
        foreach (var block in manifest.Blocks)
        {
            Assert.DoesNotContain(block.Sha256, text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(block.Nonce, text, StringComparison.Ordinal);
        }
    }

    private static List<string> FieldNames(byte[] body)
    {
        using var json = JsonDocument.Parse(body);
        return json.RootElement.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal).ToList();
    }

    private static async Task<string> AgentAsync(string stateDir, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await AgentCli.RunAsync(["--state-dir", stateDir, .. args], output, error, CancellationToken.None);
        var text = output + "\n" + error;
        Assert.True(code == 0, $"agent {args[0]} exited {code}: {text}");
        return text;
    }
}
