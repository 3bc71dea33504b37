using System.Security.Cryptography;
using Failkit.Management.Planes;
using Failkit.Tenancy;
using Failkit.Tenancy.Evidence;
using Failkit.Workflows.Core;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using NSec.Cryptography;

namespace Failkit.Activities.Tenancy.Tests;

/// <summary>The onboarding's database steps through the real runtime and the real activities: each step is
/// idempotent, so an onboarding that stopped half-way and is run again converges on the same tenant.</summary>
public sealed class OnboardingDatabaseStepsTests : IDisposable
{
    private readonly string _keyRings = Path.Combine(Path.GetTempPath(), "failkit-onboarding-tests", Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_keyRings))
        {
            Directory.Delete(_keyRings, recursive: true);
        }
    }

    [Fact]
    public async Task StoppedHalfWay_ThenRunAgainTwice_CreatesEverythingOnce_AndKeepsTheSigningKey()
    {
        await using var host = await Onboarding.HostAsync(_keyRings);
        var slug = TenantSlug.Parse(Onboarding.NewSlug());
        var input = new Dictionary<string, object?> { ["Slug"] = slug.Value };

        // The first run stops after the migration, as a crash between steps would leave it.
        var half = await host.RunAsync(Onboarding.Definition("onboarding-half", "create-database", "migrate"), input);
        var first = await host.RunAsync(Onboarding.Definition("onboarding-db", Onboarding.DatabaseSteps), input);
        var second = await host.Runtime.StartAsync("onboarding-db", new() { Input = input }, CancellationToken.None);

        Assert.All(new[] { half, first, second }, r => Assert.Equal(WorkflowSubStatus.Finished, r.SubStatus));
        Assert.Equal(2L, await Onboarding.ScalarAsync<long>("postgres", "SELECT count(*) FROM pg_roles WHERE rolname IN ($1, $2)", slug.OwnerRole, slug.AppRole));
        Assert.Equal(1L, await Onboarding.ScalarAsync<long>("postgres", "SELECT count(*) FROM pg_database WHERE datname = $1", slug.DatabaseName));
        Assert.Equal(1L, await Onboarding.ScalarAsync<long>(slug.DatabaseName, "SELECT count(*) FROM evidence.signing_keys"));
        Assert.Equal(await PublicKeyOfRunAsync(host, first.InstanceId), await PublicKeyOfRunAsync(host, second.InstanceId));
        Assert.False(await Onboarding.ScalarAsync<bool>("postgres", "SELECT rolbypassrls OR rolsuper FROM pg_roles WHERE rolname = $1", slug.AppRole));
    }

    [Fact]
    public async Task EveryTableOfTheOnboardedDatabase_HasForcedRowLevelSecurity_QuartzAndEvidenceIncluded()
    {
        await using var host = await Onboarding.HostAsync(_keyRings);
        var slug = TenantSlug.Parse(Onboarding.NewSlug());
        var run = await host.RunAsync(Onboarding.Definition("onboarding-db", Onboarding.DatabaseSteps), new Dictionary<string, object?> { ["Slug"] = slug.Value });
        Assert.Equal(WorkflowSubStatus.Finished, run.SubStatus);

        var unsecured = await Onboarding.ScalarAsync<string[]>(slug.DatabaseName, """
            SELECT coalesce(array_agg(n.nspname || '.' || c.relname), '{}') FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE c.relkind IN ('r', 'p') AND n.nspname NOT IN ('pg_catalog', 'information_schema')
              AND NOT (c.relrowsecurity AND c.relforcerowsecurity)
            """);
        Assert.Empty(unsecured);
        Assert.True(await Onboarding.ScalarAsync<long>(slug.DatabaseName, "SELECT count(*) FROM pg_tables WHERE tablename LIKE 'qrtz\\_%'") >= 10);
    }

    [Fact]
    public async Task SigningKey_OpensWithTheTenantsOwnKeyRing_AndNoOtherTenants()
    {
        await using var host = await Onboarding.HostAsync(_keyRings);
        var (slug, other) = (TenantSlug.Parse(Onboarding.NewSlug()), TenantSlug.Parse(Onboarding.NewSlug()));
        var definition = Onboarding.Definition("onboarding-db", Onboarding.DatabaseSteps);
        Assert.Equal(WorkflowSubStatus.Finished, (await host.RunAsync(definition, new Dictionary<string, object?> { ["Slug"] = slug.Value })).SubStatus);
        Assert.Equal(WorkflowSubStatus.Finished, (await host.Runtime.StartAsync("onboarding-db",
            new() { Input = new Dictionary<string, object?> { ["Slug"] = other.Value } }, CancellationToken.None)).SubStatus);

        var stored = await Onboarding.ScalarAsync<byte[]>(slug.DatabaseName, "SELECT protected_private_key FROM evidence.signing_keys");
        var publicKey = await Onboarding.ScalarAsync<byte[]>(slug.DatabaseName, "SELECT public_key FROM evidence.signing_keys");
        var rings = host.Services.GetRequiredService<TenantKeyRings>();
        var privateKey = rings.For(slug).CreateProtector(EvidenceSchema.SigningKeyPurpose).Unprotect(stored);
        using var key = Key.Import(SignatureAlgorithm.Ed25519, privateKey, KeyBlobFormat.RawPrivateKey);
        var data = "report"u8.ToArray();

        Assert.True(SignatureAlgorithm.Ed25519.Verify(PublicKey.Import(SignatureAlgorithm.Ed25519, publicKey, KeyBlobFormat.RawPublicKey),
            data, SignatureAlgorithm.Ed25519.Sign(key, data)));
        Assert.ThrowsAny<CryptographicException>(() => rings.For(other).CreateProtector(EvidenceSchema.SigningKeyPurpose).Unprotect(stored));
        Assert.DoesNotContain(Convert.ToHexString(privateKey), Convert.ToHexString(stored), StringComparison.Ordinal);
    }

    private static async Task<string?> PublicKeyOfRunAsync(Failkit.Testing.WorkflowTestHost host, string instanceId)
    {
        var journal = await host.Services.GetRequiredService<Failkit.Workflows.Runtime.Stores.IWorkflowInstanceStore>()
            .GetJournalAsync(instanceId, CancellationToken.None);
        return journal.Single(r => r.ActivityId == "signing-key").Outputs?["Result"]?.ToString();
    }
}
