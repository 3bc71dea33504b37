namespace Failkit.Portal.Tests;

/// <summary>Every route of the portal (each <c>@page</c> in studio/Failkit.Portal), with data behind the routes that
/// need an id: a protection group and a finished drill of it.</summary>
public static class PortalPages
{
    public static async Task<IReadOnlyList<(string Name, string Path)>> AllAsync(PortalHost host)
    {
        var group = await host.GroupAsync("pages", vms: 2, timeScale: 0.002);
        var drill = await host.FinishedDrillAsync(group);
        return
        [
            ("dashboard", "/"),
            ("getting-started", "/getting-started"),
            ("protection-groups", "/protection-groups"),
            ("protection-group-new", "/protection-groups/new"),
            ("protection-group-edit", $"/protection-groups/{group.Id}"),
            ("cloud-accounts", "/cloud-accounts"),
            ("drills", "/drills"),
            ("drill-detail", $"/drills/{drill.Id}"),
            ("schedules", "/schedules"),
            ("runbooks", "/runbooks"),
            ("reports", "/reports"),
            ("verify-offline", "/reports/verify-offline"),
            ("audit-log", "/audit-log"),
            ("users", "/users"),
            ("api-clients", "/api-clients"),
            ("sso", "/sso"),
            ("settings", "/settings"),
        ];
    }
}
