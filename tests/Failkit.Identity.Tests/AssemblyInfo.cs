[assembly: AssemblyFixture(typeof(Failkit.Testing.PostgresClusterFixture))]
[assembly: AssemblyFixture(typeof(Failkit.Identity.Tests.Fixtures.SharedPlane))]
