using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Failkit.Identity.Tests.Fixtures;
using Microsoft.Extensions.Time.Testing;

namespace Failkit.Identity.Tests.Support;

public sealed class SupportGrantsTests
{
    [Fact]
    public async Task WithoutAGrant_StaffGet403()
    {
        await using var plane = await TenantPlane.StartAsync();
        Assert.Equal(HttpStatusCode.Forbidden, (await StartSessionAsync(plane, "alice@failkit")).StatusCode);
    }

    [Fact]
    public async Task ReadGrant_ActsAsAuditor_EveryRequestIsAudited_AndTheGrantExpiresOnItsOwn()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var plane = await TenantPlane.StartAsync(time: time);
        using var owner = await plane.SignedInAsync(Roles.Owner);
        var grant = await owner.SendAsync(HttpMethod.Post, "/api/support-grants", new { scope = "read", hours = 2 });
        Assert.Equal(HttpStatusCode.Created, grant.StatusCode);
        var grantId = (await grant.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("id").GetString();

        var session = await StartSessionAsync(plane, "alice@failkit");
        Assert.Equal(HttpStatusCode.OK, session.StatusCode);
        var answer = await session.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.Equal("read", answer.GetProperty("scope").GetString());
        using var staff = Tokens.Bearer(plane, answer.GetProperty("accessToken").GetString()!);
        Assert.Equal(HttpStatusCode.OK, (await staff.GetAsync("/elsa/api/workflow-definitions", TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await staff.PostAsJsonAsync("/elsa/api/workflow-definitions/x/execute", new { }, TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await staff.GetAsync("/api/users", TestContext.Current.CancellationToken)).StatusCode);

        var audit = await owner.Client.GetFromJsonAsync<JsonElement>("/api/audit-events?kind=support-session.request", TestContext.Current.CancellationToken);
        var rows = audit.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(3, rows.Count);
        Assert.All(rows, r => Assert.Equal($"support:alice@failkit (grant {grantId})", r.GetProperty("actor").GetString()));
        Assert.Contains(rows, r => r.GetProperty("target").GetString() == "GET /api/users");

        time.Advance(TimeSpan.FromHours(2) + TimeSpan.FromSeconds(1));
        Assert.Equal(HttpStatusCode.Unauthorized, (await staff.GetAsync("/elsa/api/workflow-definitions", TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await StartSessionAsync(plane, "alice@failkit")).StatusCode);
    }

    [Fact]
    public async Task OperateGrant_ActsAsOperator_AndRevocationEndsItsSessions()
    {
        await using var plane = await TenantPlane.StartAsync();
        using var owner = await plane.SignedInAsync(Roles.Owner);
        var grant = await (await owner.SendAsync(HttpMethod.Post, "/api/support-grants", new { scope = "operate", hours = 1 }))
            .Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        var answer = await (await StartSessionAsync(plane, "bob@failkit")).Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        using var staff = Tokens.Bearer(plane, answer.GetProperty("accessToken").GetString()!);
        Assert.Equal(HttpStatusCode.NotFound, (await staff.PostAsJsonAsync("/elsa/api/workflow-definitions/x/execute", new { }, TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await staff.DeleteAsync("/elsa/api/workflow-instances/x", TestContext.Current.CancellationToken)).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await owner.SendAsync(HttpMethod.Delete, $"/api/support-grants/{grant.GetProperty("id").GetString()}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await staff.GetAsync("/elsa/api/workflow-definitions", TestContext.Current.CancellationToken)).StatusCode);
    }

    [Fact]
    public async Task Grant_BeyondSevenDaysOrUnknownScope_Is400()
    {
        await using var plane = await TenantPlane.StartAsync();
        using var owner = await plane.SignedInAsync(Roles.Owner);
        foreach (var (scope, hours) in new[] { ("read", 169.0), ("read", 0), ("admin", 1) })
        {
            var response = await owner.SendAsync(HttpMethod.Post, "/api/support-grants", new { scope, hours });
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }

        Assert.Equal(HttpStatusCode.Created, (await owner.SendAsync(HttpMethod.Post, "/api/support-grants", new { scope = "read", hours = 168 })).StatusCode);
    }

    private static async Task<HttpResponseMessage> StartSessionAsync(TenantPlane plane, string @operator)
    {
        using var client = plane.Anonymous();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/internal/support-sessions") { Content = JsonContent.Create(new { @operator }) };
        request.Headers.Authorization = new AuthenticationHeaderValue("PlaneKey", TenantPlane.PlaneKey);
        return await client.SendAsync(request);
    }
}
