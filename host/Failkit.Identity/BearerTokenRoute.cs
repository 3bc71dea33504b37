namespace Failkit.Identity;

/// <summary>Sends bearer tokens that start with <paramref name="Prefix"/> to <paramref name="Scheme"/> instead of
/// OpenIddict validation; other modules (the designer's page tokens) register one to plug their scheme in.</summary>
public sealed record BearerTokenRoute(string Prefix, string Scheme);
