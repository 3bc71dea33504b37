using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Failkit.Identity.Tests.Fixtures;

namespace Failkit.Identity.Tests.Users;

public sealed class UserEndpointsTests(SharedPlane fixture)
{
    private TenantPlane Plane => fixture.Plane;

    [Fact]
    public async Task Invite_WritesAMail_ListFilters_RoleChange_IsAudited()
    {
        using var admin = await Plane.SignedInAsync(Roles.Admin);
        var email = $"invitee-{Guid.NewGuid():N}@example.test";
        var created = await admin.SendAsync(HttpMethod.Post, "/api/users", new { email, role = "auditor" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("id").GetString();
        Assert.NotEmpty(await PasswordResetsTests.LinkTokenAsync(Plane, email));
        Assert.Equal(HttpStatusCode.Conflict, (await admin.SendAsync(HttpMethod.Post, "/api/users", new { email = email.ToUpperInvariant(), role = "auditor" })).StatusCode);

        var list = await admin.Client.GetFromJsonAsync<JsonElement>($"/api/users?email={email[..12]}&role=auditor", TestContext.Current.CancellationToken);
        Assert.Equal(email, Assert.Single(list.GetProperty("items").EnumerateArray()).GetProperty("email").GetString());

        var changed = await admin.SendAsync(HttpMethod.Put, $"/api/users/{id}/role", new { role = "operator" });
        Assert.Equal("operator", (await changed.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("role").GetString());
        var audit = await admin.Client.GetStringAsync("/api/audit-events?kind=user.role-changed", TestContext.Current.CancellationToken);
        Assert.Contains(email, audit, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.SendAsync(HttpMethod.Put, $"/api/users/{id}/role", new { role = "root" })).StatusCode);
    }

    [Fact]
    public async Task AdminCannotTouchOwners_AndTheLastOwnerStays()
    {
        using var admin = await Plane.SignedInAsync(Roles.Admin);
        var owner = await Plane.CreateUserAsync(Roles.Owner);
        Assert.Equal(HttpStatusCode.Forbidden, (await admin.SendAsync(HttpMethod.Post, "/api/users", new { email = $"o-{Guid.NewGuid():N}@example.test", role = "owner" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await admin.SendAsync(HttpMethod.Delete, $"/api/users/{owner.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await admin.SendAsync(HttpMethod.Put, $"/api/users/{owner.Id}/role", new { role = "admin" })).StatusCode);

        // This plane's other tests create owners too; the rule is about the last one, checked on a fresh plane.
        await using var plane = await TenantPlane.StartAsync();
        var only = await plane.CreateUserAsync(Roles.Owner);
        using var self = plane.Browser();
        await self.LoginAsync(only.Email, Passwords.Default);
        Assert.Equal(HttpStatusCode.Conflict, (await self.SendAsync(HttpMethod.Post, $"/api/users/{only.Id}/disable")).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await self.SendAsync(HttpMethod.Delete, $"/api/users/{only.Id}")).StatusCode);
    }

    [Fact]
    public async Task DisablingAUser_EndsTheirSessionAtOnce_AndARoleChangeAppliesAtOnce()
    {
        using var admin = await Plane.SignedInAsync(Roles.Admin);
        var user = await Plane.CreateUserAsync(Roles.Admin);
        using var victim = Plane.Browser();
        await victim.LoginAsync(user.Email, Passwords.Default);
        Assert.Equal(HttpStatusCode.OK, (await victim.Client.GetAsync("/api/users", TestContext.Current.CancellationToken)).StatusCode);

        await admin.SendAsync(HttpMethod.Put, $"/api/users/{user.Id}/role", new { role = "auditor" });
        Assert.Equal(HttpStatusCode.Forbidden, (await victim.Client.GetAsync("/api/users", TestContext.Current.CancellationToken)).StatusCode);

        await admin.SendAsync(HttpMethod.Post, $"/api/users/{user.Id}/disable");
        Assert.Equal(HttpStatusCode.Unauthorized, (await victim.Client.GetAsync("/api/audit-events", TestContext.Current.CancellationToken)).StatusCode);
    }
}
