using System.Text.Json.Nodes;
using Failkit.Evidence.Format;
using Failkit.Evidence.Tests.Fixtures;

namespace Failkit.Evidence.Tests;

/// <summary>The PDF read back by poppler, an independent reader: pages, fonts, the attachment, and PNGs kept under
/// tests/artifacts/evidence for a human to look at.</summary>
public sealed class ReportPdfTests
{
    [Fact]
    public async Task FiveHundredVmDrill_RendersEveryVmOnASanePageCount()
    {
        var body = ManifestBody.Build(SyntheticDrill.Facts(SyntheticDrill.Make(500, 5, simulated: false)));
        var pdf = ReportPdf.Render(body);

        var pages = await Poppler.PageCountAsync(pdf);
        // 500 table rows at ~62 a page, 500 waterfall bars at ~70 a page, the summary, timeline and integrity pages.
        Assert.InRange(pages, 18, 30);
        var attachment = (await Poppler.AttachmentsAsync(pdf))[ReportPdf.AttachmentName];
        Assert.Equal(500, JsonNode.Parse(attachment)!["vms"]!.AsArray().Count);
        Assert.Equal(ReportSeal.BodyBytes(body), attachment);
        await Poppler.RenderAsync(pdf, "vm500", first: 1, last: pages);
    }

    [Fact]
    public async Task Report_EmbedsOnlyTheShippedDejaVuFonts()
    {
        var pdf = ReportPdf.Render(ManifestBody.Build(SyntheticDrill.Facts(SyntheticDrill.Make(6, 3, simulated: true))));
        var file = Path.Combine(Directory.CreateTempSubdirectory("fk-fonts-").FullName, "r.pdf");
        await File.WriteAllBytesAsync(file, pdf);
        var fonts = (await Poppler.RunAsync("pdffonts", file)).Split('\n').Skip(2).Where(l => l.Length > 0).ToList();
        Assert.NotEmpty(fonts);
        Assert.All(fonts, f => Assert.Contains("DejaVu", f, StringComparison.Ordinal));
        Assert.All(fonts, f => Assert.Contains(" yes ", f, StringComparison.Ordinal));
        await Poppler.RenderAsync(pdf, "vm6-simulated");
    }
}
