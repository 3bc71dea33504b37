using PdfSharp.Fonts;

namespace Failkit.Evidence;

/// <summary>The report's fonts, DejaVu Sans (regular, bold) and DejaVu Sans Mono, embedded in this assembly
/// (Fonts/LICENSE-DejaVu.txt). Every family name resolves to them, so a PDF never depends on a server's fonts.</summary>
public sealed class ReportFonts : IFontResolver
{
    public const string Sans = "DejaVu Sans";
    public const string Mono = "DejaVu Sans Mono";

    private const string SansFace = "DejaVuSans";
    private const string SansBoldFace = "DejaVuSans-Bold";
    private const string MonoFace = "DejaVuSansMono";

    private static readonly Lock Gate = new();

    /// <summary>PDFsharp's resolver is process-wide and may be set once; every renderer calls this first.</summary>
    public static void Install()
    {
        lock (Gate)
        {
            if (GlobalFontSettings.FontResolver is not ReportFonts)
            {
                GlobalFontSettings.FontResolver = new ReportFonts();
            }
        }
    }

    public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic)
    {
        if (string.Equals(familyName, Mono, StringComparison.OrdinalIgnoreCase))
        {
            return new FontResolverInfo(MonoFace, bold, italic);
        }

        // Bold has its own face; italic is simulated by PDFsharp (the report uses none).
        return new FontResolverInfo(bold ? SansBoldFace : SansFace, false, italic);
    }

    public byte[]? GetFont(string faceName)
    {
        using var stream = typeof(ReportFonts).Assembly.GetManifestResourceStream($"Fonts.{faceName}.ttf");
        if (stream is null)
        {
            return null;
        }

        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
