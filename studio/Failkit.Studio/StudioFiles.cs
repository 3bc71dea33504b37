using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Net.Http.Headers;

namespace Failkit.Studio;

/// <summary>Serves the package's files under <c>/studio/</c>, preferring the brotli or gzip siblings it ships.</summary>
public static class StudioFiles
{
    private static readonly FileExtensionContentTypeProvider ContentTypes = CreateContentTypes();

    public static Results<PhysicalFileHttpResult, NotFound> Serve(string path, HttpContext context, StudioPackage package)
    {
        var file = package.Files.GetFileInfo(path);
        if (!file.Exists || file.IsDirectory || file.PhysicalPath is null || path.EndsWith(".br", StringComparison.Ordinal) || path.EndsWith(".gz", StringComparison.Ordinal))
        {
            return TypedResults.NotFound();
        }

        var contentType = ContentTypes.TryGetContentType(path, out var type) ? type : "application/octet-stream";
        var served = file;
        var accepted = context.Request.Headers.AcceptEncoding.ToString();
        foreach (var (encoding, suffix) in new[] { ("br", ".br"), ("gzip", ".gz") })
        {
            var compressed = package.Files.GetFileInfo(path + suffix);
            if (accepted.Contains(encoding, StringComparison.OrdinalIgnoreCase) && compressed is { Exists: true, PhysicalPath: not null })
            {
                context.Response.Headers.ContentEncoding = encoding;
                served = compressed;
                break;
            }
        }

        context.Response.Headers.Vary = HeaderNames.AcceptEncoding;
        // Revalidate with the ETag: names like blazor.webassembly.js carry no hash, and an upgrade must show at once.
        context.Response.Headers.CacheControl = "no-cache";
        var etag = new EntityTagHeaderValue($"\"{served.LastModified.UtcTicks:x}-{served.Length:x}\"");
        return TypedResults.PhysicalFile(served.PhysicalPath!, contentType, lastModified: served.LastModified, entityTag: etag);
    }

    private static FileExtensionContentTypeProvider CreateContentTypes()
    {
        var provider = new FileExtensionContentTypeProvider();
        provider.Mappings[".dat"] = "application/octet-stream";
        provider.Mappings[".wasm"] = "application/wasm";
        provider.Mappings[".json"] = "application/json";
        provider.Mappings[".blat"] = "application/octet-stream";
        return provider;
    }
}
