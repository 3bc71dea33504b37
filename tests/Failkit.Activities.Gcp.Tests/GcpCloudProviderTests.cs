using System.Text.Json.Nodes;
using Failkit.Drills.Cloud;
using Failkit.CloudFakes.Gcp;
using Microsoft.Extensions.DependencyInjection;

namespace Failkit.Activities.Gcp.Tests;

public sealed class GcpCloudProviderTests
{
    [Theory]
    [InlineData("settings", "zone", "settings.zone")]
    [InlineData("settings", "stagingBucket", "settings.stagingBucket")]
    [InlineData("secret", "client_email", "secret.client_email")]
    [InlineData("secret", "private_key", "secret.private_key")]
    [InlineData("secret", "token_uri", "secret.token_uri")]
    [InlineData("secret", "project_id", null)]
    public void Validate_MissingField_NamesIt(string where, string key, string? named)
    {
        var account = GcpTestbed.AccountFor(null, (settings, secret) => (where == "settings" ? settings : secret).Remove(key));
        var provider = new GcpCloudProvider(TimeProvider.System);

        if (named is null)
        {
            // project_id is only a fallback for settings.projectId; with neither, the message names both.
            account.Settings.Remove("projectId");
            var ex = Assert.Throws<CloudConfigurationException>(() => provider.Validate(account));
            Assert.Contains("settings.projectId", ex.Message, StringComparison.Ordinal);
        }
        else
        {
            var ex = Assert.Throws<CloudConfigurationException>(() => provider.Validate(account));
            Assert.Contains(named, ex.Message, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("private_key", "-----BEGIN PRIVATE KEY-----\nbm90IGEga2V5\n-----END PRIVATE KEY-----\n", "secret.private_key")]
    [InlineData("type", "authorized_user", "secret.type")]
    public void Validate_MalformedSecret_NamesTheField(string key, string value, string named)
    {
        var account = GcpTestbed.AccountFor(null, (_, secret) => secret[key] = value);

        var ex = Assert.Throws<CloudConfigurationException>(() => new GcpCloudProvider(TimeProvider.System).Validate(account));

        Assert.Contains(named, ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("zone", "us-east1-b", "settings.zone")]
    [InlineData("computeEndpoint", "ftp://example.test", "settings.computeEndpoint")]
    [InlineData("maxConcurrency", "0", "settings.maxConcurrency")]
    public void Validate_MalformedSetting_NamesIt(string key, string value, string named)
    {
        var account = GcpTestbed.AccountFor(null, (settings, _) => settings[key] = value);

        var ex = Assert.Throws<CloudConfigurationException>(() => new GcpCloudProvider(TimeProvider.System).Validate(account));

        Assert.Contains(named, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddGcpCloud_RegistersTheProvider_WhoseSessionAuthenticatesThroughTheTokenEndpoint()
    {
        await using var fake = await FakeGcp.StartAsync("drill-project");
        var services = new ServiceCollection().AddGcpCloud();
        await using var provider = services.BuildServiceProvider();
        var gcp = Assert.Single(provider.GetServices<ICloudProvider>(), p => p.Kind == CloudKind.Gcp);
        var account = GcpTestbed.AccountFor(fake);
        gcp.Validate(account);

        await using var session = gcp.Open(account);
        await using var next = gcp.Open(account);

        Assert.False(session.Simulated);
        Assert.Empty(await session.SweepAsync("nothing-here", default));
        Assert.Empty(await next.SweepAsync("nothing-here", default));
        Assert.Equal(2, fake.Calls("instances.aggregatedList"));
        // The second session reuses the first one's token.
        Assert.Equal(1, fake.TokenRequests);
    }

    [Fact]
    public void ProjectId_FromSettings_WinsOverTheServiceAccounts()
    {
        var account = GcpTestbed.AccountFor(null, (settings, _) => settings["projectId"] = "other-project");

        Assert.Equal("other-project", GcpSettings.From(account).ProjectId);
        Assert.Equal("drill-project", GcpSettings.From(GcpTestbed.AccountFor(null)).ProjectId);
        Assert.Equal(8, GcpSettings.From(account).MaxConcurrency);
        Assert.IsType<JsonObject>(account.Secret);
    }
}
