[assembly: AssemblyFixture(typeof(Failkit.Testing.PostgresClusterFixture))]
[assembly: AssemblyFixture(typeof(Failkit.OperatorConsole.Tests.ConsolePlane))]
[assembly: AssemblyFixture(typeof(Failkit.Testing.Browser.Browser))]
// One management plane and one browser serve every test; browser tests on two shared cores are slower in parallel.
[assembly: CollectionBehavior(CollectionBehavior.CollectionPerAssembly)]
