global using Failkit.Testing;
