using System.Reflection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Options;

namespace Failkit.Studio;

/// <summary>The restored Elsa Studio package, served unmodified. Missing files fail loudly with the command that
/// restores them, rather than serving a page whose scripts 404.</summary>
public sealed class StudioPackage
{
    public const string VersionPinned = "3.8.2";

    private readonly Lazy<PhysicalFileProvider> _files;

    public StudioPackage(IOptions<StudioOptions> options)
    {
        var configured = options.Value.PackagePath;
        Root = Path.GetFullPath(string.IsNullOrWhiteSpace(configured) ? BuiltAgainst() : configured);
        _files = new(() => new PhysicalFileProvider(Root));
    }

    public string Root { get; }

    public bool IsRestored => File.Exists(Path.Combine(Root, "_framework", "blazor.webassembly.js"));

    public IFileProvider Files => IsRestored
        ? _files.Value
        : throw new InvalidOperationException(
            $"The Elsa Studio package is missing from {Root}. Restore it with: npm ci --prefix studio (needs Node.js and npm).");

    private static string BuiltAgainst() =>
        typeof(StudioPackage).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "StudioPackageDir")?.Value
        ?? throw new InvalidOperationException("Failkit:Studio:PackagePath is not set and the build recorded no package folder.");
}
