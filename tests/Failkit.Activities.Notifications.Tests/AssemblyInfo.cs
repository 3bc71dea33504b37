[assembly: AssemblyFixture(typeof(Failkit.Testing.PostgresClusterFixture))]
