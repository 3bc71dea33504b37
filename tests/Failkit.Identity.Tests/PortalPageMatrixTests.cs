using Failkit.Identity.Tests.Fixtures;
using Microsoft.AspNetCore.Components.Endpoints;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Failkit.Identity.Tests;

/// <summary>The role matrix for the portal's pages: every routed page sends an anonymous caller to the login page and
/// renders for every role. What a role may <em>do</em> on a page is enforced by each action handler
/// (<c>PortalUser.DemandAsync</c>), which Failkit.Portal.Tests checks in the browser, including for a user demoted while
/// their tab is open.</summary>
public sealed class PortalPageMatrixTests
{
    [Fact]
    public async Task EveryPortalPage_AnonymousIsSentToLogin_EveryRoleGetsThePage()
    {
        await using var plane = await TenantPlane.StartAsync("pagematrix");
        var pages = plane.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<Failkit.Portal.PortalEndpointMetadata>() is not null && e.Metadata.GetMetadata<ComponentTypeMetadata>() is not null)
            .Select(e => e.RoutePattern.RawText!.Replace("{Id:guid}", Guid.NewGuid().ToString(), StringComparison.OrdinalIgnoreCase))
            .Distinct(StringComparer.Ordinal)
            .ToList();
        Assert.Contains("/", pages);
        Assert.Contains("/settings", pages);

        var failures = new List<string>();
        using (var anonymous = plane.Browser())
        {
            foreach (var page in pages)
            {
                using var response = await anonymous.SendAsync(HttpMethod.Get, page);
                if ((int)response.StatusCode != 302 || response.Headers.Location?.OriginalString.Contains("/login", StringComparison.Ordinal) != true)
                {
                    failures.Add($"GET {page} as anonymous: {(int)response.StatusCode} {response.Headers.Location}, expected 302 to /login");
                }
            }
        }

        foreach (var role in Roles.All)
        {
            using var browser = await plane.SignedInAsync(role);
            foreach (var page in pages)
            {
                using var response = await browser.SendAsync(HttpMethod.Get, page);
                if ((int)response.StatusCode != 200)
                {
                    failures.Add($"GET {page} as {role}: {(int)response.StatusCode}, expected 200");
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join('\n', failures));
    }
}
