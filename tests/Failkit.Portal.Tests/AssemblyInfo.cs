[assembly: AssemblyFixture(typeof(Failkit.Testing.PostgresClusterFixture))]
[assembly: AssemblyFixture(typeof(Failkit.Portal.Tests.PortalHost))]
[assembly: AssemblyFixture(typeof(Failkit.Testing.Browser.Browser))]
// One host and one browser serve every test; browser tests on two shared cores are slower in parallel, not faster.
[assembly: CollectionBehavior(CollectionBehavior.CollectionPerAssembly)]
