global using Failkit.Testing.Browser;
global using Browser = Failkit.Testing.Browser.Browser;
