namespace Failkit.Studio;

/// <summary>Settings of the designer pages (<c>Failkit:Studio</c>).</summary>
public sealed class StudioOptions
{
    public const string Section = "Failkit:Studio";

    /// <summary>The folder of the restored <c>@elsa-workflows/elsa-studio-wasm</c> package. Empty means the folder
    /// this assembly was built against (<c>studio/node_modules/...</c>).</summary>
    public string? PackagePath { get; set; }

    /// <summary>How long a page's API token lives. The page renews it at 80 % of this, so a stolen token is useful for
    /// minutes, not for the session.</summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>The authentication scheme of the tenant user's session (the cookie of the login page).</summary>
    public string SessionScheme { get; set; } = "Cookies";

    /// <summary>Where the Elsa API is mapped; the elements call it on the page's own origin.</summary>
    public string ApiPath { get; set; } = "/elsa/api";
}
