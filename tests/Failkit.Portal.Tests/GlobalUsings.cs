global using Failkit.Testing.Browser;
global using Microsoft.Playwright;
global using Browser = Failkit.Testing.Browser.Browser;
