using PdfSharp;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace Failkit.Evidence;

/// <summary>A top-to-bottom writer over A4 pages: a cursor, page breaks when a block does not fit, and word wrap.</summary>
internal sealed class PdfCanvas : IDisposable
{
    public const double Left = 42;
    public const double Right = 553;
    public const double Top = 50;
    public const double Bottom = 792;
    public const double Width = Right - Left;

    public static readonly XFont Title = new(ReportFonts.Sans, 18, XFontStyleEx.Bold);
    public static readonly XFont Heading = new(ReportFonts.Sans, 12.5, XFontStyleEx.Bold);
    public static readonly XFont Body = new(ReportFonts.Sans, 9);
    public static readonly XFont Bold = new(ReportFonts.Sans, 9, XFontStyleEx.Bold);
    public static readonly XFont Small = new(ReportFonts.Sans, 7.5);
    public static readonly XFont SmallBold = new(ReportFonts.Sans, 7.5, XFontStyleEx.Bold);
    public static readonly XFont Mono = new(ReportFonts.Mono, 7.5);

    public static readonly XColor Ink = XColor.FromArgb(0x1f, 0x29, 0x37);
    public static readonly XColor Muted = XColor.FromArgb(0x6b, 0x72, 0x80);
    public static readonly XColor Rule = XColor.FromArgb(0xd1, 0xd5, 0xdb);
    public static readonly XColor Shade = XColor.FromArgb(0xf3, 0xf4, 0xf6);
    public static readonly XColor Pass = XColor.FromArgb(0x15, 0x80, 0x3d);
    public static readonly XColor Fail = XColor.FromArgb(0xb9, 0x1c, 0x1c);
    public static readonly XColor Neutral = XColor.FromArgb(0x4b, 0x55, 0x63);
    public static readonly XColor Simulated = XColor.FromArgb(0xc2, 0x41, 0x0c);

    private readonly PdfDocument _doc;
    private XGraphics? _g;

    public PdfCanvas(PdfDocument doc)
    {
        _doc = doc;
        NewPage();
    }

    public XGraphics G => _g ?? throw new InvalidOperationException("No page.");

    public double Y { get; set; }

    /// <summary>Runs at the top of every page after the first section's (e.g. a table's header row).</summary>
    public Action<PdfCanvas>? PageHeader { get; set; }

    public void NewPage()
    {
        _g?.Dispose();
        var page = _doc.AddPage();
        page.Size = PageSize.A4;
        _g = XGraphics.FromPdfPage(page);
        Y = Top;
        PageHeader?.Invoke(this);
    }

    public void Ensure(double height)
    {
        if (Y + height > Bottom)
        {
            NewPage();
        }
    }

    public void Section(string text)
    {
        Ensure(60);
        Y += 6;
        G.DrawString(text, Heading, new XSolidBrush(Ink), new XRect(Left, Y, Width, 16), XStringFormats.TopLeft);
        Y += 18;
        G.DrawLine(new XPen(Rule, 0.8), Left, Y, Right, Y);
        Y += 6;
    }

    /// <summary>Wrapped text; returns nothing, moves the cursor below it.</summary>
    public void Paragraph(string text, XFont font, XColor? color = null, double indent = 0, double width = Width)
    {
        var brush = new XSolidBrush(color ?? Ink);
        var lineHeight = font.Size * 1.35;
        foreach (var line in Wrap(text, font, width - indent))
        {
            Ensure(lineHeight);
            G.DrawString(line, font, brush, new XRect(Left + indent, Y, width - indent, lineHeight), XStringFormats.TopLeft);
            Y += lineHeight;
        }
    }

    public void Field(string label, string value, XFont? valueFont = null, double labelWidth = 130)
    {
        var font = valueFont ?? Body;
        var lines = Wrap(value, font, Width - labelWidth);
        // The label is 9 pt whatever the value's font, so the line fits the larger of the two.
        var lineHeight = Math.Max(font.Size, Bold.Size) * 1.4;
        Ensure(lineHeight * lines.Count);
        G.DrawString(label, Bold, new XSolidBrush(Muted), new XRect(Left, Y, labelWidth, lineHeight), XStringFormats.TopLeft);
        foreach (var line in lines)
        {
            G.DrawString(line, font, new XSolidBrush(Ink), new XRect(Left + labelWidth, Y, Width - labelWidth, lineHeight), XStringFormats.TopLeft);
            Y += lineHeight;
        }
    }

    /// <summary>Text cut with an ellipsis to fit <paramref name="width"/>, for table cells.</summary>
    public string Fit(string text, XFont font, double width)
    {
        if (G.MeasureString(text, font).Width <= width)
        {
            return text;
        }

        var cut = text.Length;
        while (cut > 1 && G.MeasureString(text[..cut] + "…", font).Width > width)
        {
            cut--;
        }

        return text[..cut] + "…";
    }

    public List<string> Wrap(string text, XFont font, double width)
    {
        var lines = new List<string>();
        foreach (var paragraph in text.Split('\n'))
        {
            var line = "";
            foreach (var word in paragraph.Split(' '))
            {
                var candidate = line.Length == 0 ? word : line + " " + word;
                if (line.Length > 0 && G.MeasureString(candidate, font).Width > width)
                {
                    lines.Add(line);
                    line = word;
                }
                else
                {
                    line = candidate;
                }
            }

            lines.Add(line);
        }

        return lines;
    }

    public void Dispose() => _g?.Dispose();
}
