namespace Failkit.Portal.Tests;

/// <summary>The checks themselves, on hand-made pages whose answers are known: they must find what they look for.</summary>
public sealed class PageChecksTests(Browser browser)
{
    [Fact]
    public async Task Checks_OnAHandMadePage_FindLowContrastUnlabelledFieldsAndOverflow()
    {
        await using var context = await browser.Chromium.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 800 } });
        var page = await context.NewPageAsync();
        await page.SetContentAsync("""
            <body style="margin:0">
              <p id="grey" style="color:#999999">grey on white</p>
              <div style="background:rgba(0,0,0,0.5)"><span id="veiled" style="color:#333">dark on a half-black veil</span></div>
              <p style="color:#767676">just enough</p>
              <p style="color:#949494;font-size:24px">large and light</p>
              <button disabled style="color:#cccccc">inactive</button>
              <label for="named">Name</label><input id="named">
              <input aria-label="Search">
              <input id="bare" placeholder="a placeholder is no label">
              <input type="hidden">
              <div style="width:1400px;height:10px"></div>
            </body>
            """);

        var contrast = await PageChecks.ContrastViolationsAsync(page);
        Assert.Equal(["grey on white", "dark on a half-black veil"], contrast.Select(v => v.Text));
        Assert.Equal((2.85, "#999999", "#ffffff"), (contrast[0].Ratio, contrast[0].Color, contrast[0].Background));
        Assert.Equal("#808080", contrast[1].Background);
        Assert.Contains("#bare", Assert.Single(await PageChecks.UnlabelledFieldsAsync(page)), StringComparison.Ordinal);
        Assert.Equal(120, await PageChecks.HorizontalOverflowAsync(page));
    }
}
