using System.Diagnostics;

namespace Failkit.Evidence.Tests.Fixtures;

/// <summary>poppler-utils (pdftoppm, pdfdetach, pdfinfo, pdffonts): an independent reader of the PDFs we write. A missing
/// tool fails the test with the install command; it never skips.</summary>
public static class Poppler
{
    /// <summary>tests/artifacts/evidence (gitignored): the rendered pages, kept for a human to look at.</summary>
    public static readonly string Artifacts = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../artifacts/evidence"));

    public static async Task<string> RunAsync(string tool, params string[] args)
    {
        var path = Environment.GetEnvironmentVariable("PATH")!.Split(':').Select(d => Path.Combine(d, tool)).FirstOrDefault(File.Exists);
        Assert.True(path is not null,
            $"{tool} is missing. Install poppler-utils: sudo apt-get install -y poppler-utils (./failkit test installs it when run as root).");
        var start = new ProcessStartInfo(path!) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"{tool} {string.Join(' ', args)} exited {process.ExitCode}: {await stderr}");
        return await stdout;
    }

    /// <summary>Renders pages (all, or <paramref name="first"/>..<paramref name="last"/>) to PNG files under
    /// <see cref="Artifacts"/>/<paramref name="name"/>, replacing an earlier run's; returns the files.</summary>
    public static async Task<IReadOnlyList<string>> RenderAsync(byte[] pdf, string name, int? first = null, int? last = null)
    {
        var folder = Path.Combine(Artifacts, name);
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }

        Directory.CreateDirectory(folder);
        var file = Path.Combine(folder, "report.pdf");
        await File.WriteAllBytesAsync(file, pdf);
        List<string> args = ["-png", "-r", "80"];
        if (first is { } f)
        {
            args.AddRange(["-f", f.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        }

        if (last is { } l)
        {
            args.AddRange(["-l", l.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        }

        await RunAsync("pdftoppm", [.. args, file, Path.Combine(folder, "page")]);
        return [.. Directory.GetFiles(folder, "page-*.png").Order(StringComparer.Ordinal)];
    }

    public static async Task<int> PageCountAsync(byte[] pdf)
    {
        var file = Path.GetTempFileName();
        try
        {
            await File.WriteAllBytesAsync(file, pdf);
            var info = await RunAsync("pdfinfo", file);
            var line = info.Split('\n').Single(l => l.StartsWith("Pages:", StringComparison.Ordinal));
            return int.Parse(line["Pages:".Length..].Trim(), System.Globalization.CultureInfo.InvariantCulture);
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <summary>The PDF's attachments as pdfdetach lists and saves them: name → bytes.</summary>
    public static async Task<IReadOnlyDictionary<string, byte[]>> AttachmentsAsync(byte[] pdf)
    {
        var folder = Directory.CreateTempSubdirectory("fk-detach-").FullName;
        try
        {
            var file = Path.Combine(folder, "report.pdf");
            await File.WriteAllBytesAsync(file, pdf);
            var list = await RunAsync("pdfdetach", "-list", file);
            var names = list.Split('\n').Skip(1).Where(l => l.Contains(':', StringComparison.Ordinal))
                .Select(l => l[(l.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim()).ToList();
            var saved = Path.Combine(folder, "out");
            Directory.CreateDirectory(saved);
            await RunAsync("pdfdetach", "-saveall", "-o", saved, file);
            return names.ToDictionary(n => n, n => File.ReadAllBytes(Path.Combine(saved, n)), StringComparer.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
