using System.Text.Json.Nodes;
using Failkit.Drills.Cloud;
using Microsoft.Extensions.DependencyInjection;

namespace Failkit.Activities.Azure.Tests;

public sealed class AzureCloudProviderTests
{
    private static readonly AzureCloudProvider Provider = new(TimeProvider.System);

    [Theory]
    [InlineData("tenantId")]
    [InlineData("clientId")]
    [InlineData("subscriptionId")]
    [InlineData("resourceGroup")]
    [InlineData("storageAccount")]
    public void Validate_MissingSetting_NamesIt(string key)
    {
        var account = AzureRig.NewAccount("sub-1", new JsonObject { ["clientSecret"] = "x" });
        account.Settings.Remove(key);

        var ex = Assert.Throws<CloudConfigurationException>(() => Provider.Validate(account));

        Assert.Contains($"'{key}'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_NoCredential_NamesTheSecretKeys()
    {
        var ex = Assert.Throws<CloudConfigurationException>(() => Provider.Validate(AzureRig.NewAccount("sub-1", [])));

        Assert.Contains("'clientSecret'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("'clientAssertion'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("'federatedTokenFile'", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("armEndpoint", "http://127.0.0.1:1234/")]
    [InlineData("authorityHost", "not a url")]
    [InlineData("osType", "Plan9")]
    [InlineData("maxConcurrency", "0")]
    public void Validate_MalformedSetting_NamesIt(string key, string value)
    {
        var account = AzureRig.NewAccount("sub-1", new JsonObject { ["clientSecret"] = "x" });
        account.Settings[key] = value;

        var ex = Assert.Throws<CloudConfigurationException>(() => Provider.Validate(account));

        Assert.Contains($"'{key}'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_CompleteAccount_Passes() =>
        Provider.Validate(AzureRig.NewAccount("sub-1", new JsonObject { ["clientSecret"] = "x" }));

    [Fact]
    public void AddAzureCloud_RegistersOneSingletonAzureProvider()
    {
        using var services = new ServiceCollection().AddAzureCloud().BuildServiceProvider();

        var provider = Assert.Single(services.GetServices<ICloudProvider>());

        Assert.Equal(CloudKind.Azure, provider.Kind);
        Assert.Same(provider, services.GetRequiredService<ICloudProvider>());
    }

    [Fact]
    public async Task FederatedTokenFile_SignsInWithTheAssertion()
    {
        var tokenFile = Path.Combine(Path.GetTempPath(), $"failkit-azure-{Guid.NewGuid():n}.jwt");
        await File.WriteAllTextAsync(tokenFile, "federated.jwt.token\n");
        try
        {
            await using var rig = await AzureRig.StartAsync(secret: []);
            rig.Account.Settings["federatedTokenFile"] = tokenFile;
            rig.Fake.RegisterClient(AzureRig.TenantId, AzureRig.ClientId, "federated.jwt.token");
            await using var session = rig.Provider.Open(rig.Account);

            Assert.Empty(await session.SweepAsync(DrillTags.ValueFor(Guid.NewGuid()), default));

            Assert.Contains(rig.Fake.TokenRequests, r => r.EndsWith("assertion", StringComparison.Ordinal) && r.Contains("management.fake.test", StringComparison.Ordinal));
        }
        finally
        {
            File.Delete(tokenFile);
        }
    }

    [Fact]
    public async Task WrongClientSecret_IsACloudOperationException()
    {
        await using var rig = await AzureRig.StartAsync(secret: new JsonObject { ["clientSecret"] = "wrong" });
        await using var session = rig.Provider.Open(rig.Account);

        var ex = await Assert.ThrowsAsync<CloudOperationException>(() => session.SweepAsync(DrillTags.ValueFor(Guid.NewGuid()), default));

        Assert.Equal("AuthenticationFailed", ex.ErrorCode);
    }

    [Fact]
    public async Task SdkPolling_AsWaitUntilCompleted_FinishesAgainstTheFake()
    {
        await using var rig = await AzureRig.StartAsync(defaultPolling: true);
        await using var session = rig.Provider.Open(rig.Account);
        var drill = DrillTags.ValueFor(Guid.NewGuid());

        var disk = await session.HydrateAsync(new HydrateRequest(drill, "web-1", $"{drill}/web-1/disk0",
            AzureRig.Image("disk0", 1L << 20, 512, AzureRig.Filled(512, (0, 0x01))), new Dictionary<string, string>()), default);

        Assert.Equal("Succeeded", Assert.Single(rig.Fake.Resources("Microsoft.Compute/disks")).ProvisioningState);
        Assert.NotEmpty(disk.RequestIds);
        Assert.True(rig.Fake.CallCount("AsyncOperation_Get") >= 2);
    }
}
