[assembly: AssemblyFixture(typeof(Failkit.Testing.PostgresClusterFixture))]
[assembly: AssemblyFixture(typeof(Failkit.Activities.Drills.Tests.Fixtures.TenantFixture))]
