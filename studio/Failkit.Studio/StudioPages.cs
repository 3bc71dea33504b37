using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Failkit.Studio;

/// <summary>The thin host pages: each embeds one registered Elsa Studio element, pointed at this origin's Elsa API.</summary>
public static class StudioPages
{
    private static readonly string Template = ReadResource("host.html");

    public static readonly string Script = ReadResource("failkit-studio.js");

    public static ContentHttpResult DefinitionList(IOptions<StudioOptions> options) =>
        Page("Runbooks", "elsa-workflow-definition-list", [], options.Value);

    public static ContentHttpResult DefinitionEditor(string id, IOptions<StudioOptions> options) =>
        Page("Runbook editor", "elsa-workflow-definition-editor", new() { ["definition-id"] = id }, options.Value);

    public static ContentHttpResult InstanceList(IOptions<StudioOptions> options) =>
        Page("Runs", "elsa-workflow-instance-list", [], options.Value);

    public static ContentHttpResult InstanceViewer(string id, IOptions<StudioOptions> options) =>
        Page("Run", "elsa-workflow-instance-viewer", new() { ["instance-id"] = id }, options.Value);

    /// <summary>Where the editor's Run button points the browser; a reload of that address lands on the viewer.</summary>
    public static RedirectHttpResult RunView(string id) => TypedResults.Redirect($"{StudioEndpoints.BasePath}/instances/{Uri.EscapeDataString(id)}");

    private static ContentHttpResult Page(string title, string element, Dictionary<string, string> attributes, StudioOptions options)
    {
        // The default encoder escapes <, > and &, so ids cannot close the script element they are embedded in.
        var config = JsonSerializer.Serialize(new
        {
            element,
            attributes,
            api = options.ApiPath,
            tokenUrl = $"{StudioEndpoints.BasePath}/token",
            tokenLifetimeSeconds = (int)options.TokenLifetime.TotalSeconds,
        });
        var html = Template.Replace("{{title}}", System.Net.WebUtility.HtmlEncode(title), StringComparison.Ordinal)
            .Replace("{{config}}", config, StringComparison.Ordinal);
        return TypedResults.Content(html, "text/html; charset=utf-8");
    }

    private static string ReadResource(string name)
    {
        using var stream = typeof(StudioPages).Assembly.GetManifestResourceStream($"Failkit.Studio.Pages.{name}")
            ?? throw new InvalidOperationException($"The page resource {name} is missing from the assembly.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
