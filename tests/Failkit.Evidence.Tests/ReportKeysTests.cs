using System.Net;
using System.Text.Json.Nodes;
using Failkit.Evidence.Format;
using Failkit.Evidence.Tests.Fixtures;
using Failkit.Testing;

namespace Failkit.Evidence.Tests;

public sealed class ReportKeysTests
{
    [Fact]
    public async Task Rotation_KeepsTheOldKeyWithItsWindow_AndOldReportsStillVerify()
    {
        await using var plane = await EvidencePlane.StartAsync(PlaneSettings.Sweep(TimeSpan.FromHours(1)));
        var group = await plane.GroupAsync((await plane.SimAccountAsync()).Id, [("web-1", 1)], pointAge: TimeSpan.FromMinutes(1));
        var chain = plane.Get<ReportChain>();
        var first = (await chain.AppendAsync(await plane.FinishedDrillAsync(group), CancellationToken.None))!;

        using var operatorClient = await plane.ApiClientAsync("operator");
        Assert.Equal(HttpStatusCode.Forbidden, (await operatorClient.PostAsync("/api/report-keys/rotate", null)).StatusCode);
        using var owner = await plane.OwnerAsync();
        var rotated = await owner.PostAsync("/api/report-keys/rotate", null);
        Assert.Equal(HttpStatusCode.OK, rotated.StatusCode);
        var second = (await chain.AppendAsync(await plane.FinishedDrillAsync(group), CancellationToken.None))!;

        using var anonymous = plane.Anonymous();
        var keys = ReportKeySet.Parse(await anonymous.GetByteArrayAsync("/.well-known/failkit/report-keys"));
        Assert.Equal(2, keys.Keys.Count);
        var old = keys.Keys.Single(k => k.KeyId == first.KeyId);
        var current = keys.Keys.Single(k => k.ValidUntil is null);
        Assert.NotEqual(old.KeyId, current.KeyId);
        Assert.Equal(old.ValidUntil, current.ValidFrom);
        Assert.Equal(current.KeyId, second.KeyId);

        foreach (var (report, key) in new[] { (first, old), (second, current) })
        {
            var signature = ReportSignature.Parse(report.Signature);
            Assert.True(ReportSeal.SignatureValid(signature, Convert.FromBase64String(key.PublicKey)), $"report {report.Number} does not verify");
            Assert.True(key.Covers(report.GeneratedAt), $"report {report.Number} is outside its key's window");
        }

        Assert.False(old.Covers(second.GeneratedAt), "the retired key's window must end at the rotation");
        Assert.False(ReportSeal.SignatureValid(ReportSignature.Parse(second.Signature), Convert.FromBase64String(old.PublicKey)));
        var after = await TestSql.ScalarAsync<string>(plane.Tenant.AppConnectionString,
            "SELECT after FROM identity.audit_events WHERE kind = 'report-key.rotated' ORDER BY seq DESC LIMIT 1");
        Assert.Equal(current.KeyId.ToString(), JsonNode.Parse(after)!["current_key_id"]!.GetValue<string>());
    }
}
