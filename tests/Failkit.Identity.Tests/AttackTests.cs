using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Failkit.Identity.Tests.Fixtures;

namespace Failkit.Identity.Tests;

/// <summary>Cross-tenant ids, injection strings in filters, oversized bodies and cross-site requests.</summary>
public sealed class AttackTests(SharedPlane shared)
{
    private static readonly string[] Injections =
    [
        "' OR '1'='1", "'; DROP TABLE identity.users; --", "%", "_", "\\", "\" OR 1=1 --", "') OR ('a'='a", "1; SELECT pg_sleep(5)", "%' OR email LIKE '%",
    ];

    [Fact]
    public async Task IdsOfTenantB_WithTenantAsSession_Are404_OnEveryEndpointWithAnId()
    {
        var a = shared.Plane;
        await using var b = await TenantPlane.StartAsync("tb");
        using var ownerA = await a.SignedInAsync(Roles.Owner);
        using var ownerB = await b.SignedInAsync(Roles.Owner);
        var userB = await b.CreateUserAsync(Roles.Operator);
        var clientResponse = await ownerB.SendAsync(HttpMethod.Post, "/api/api-clients", new { name = "b's client" });
        Assert.True(clientResponse.StatusCode == HttpStatusCode.Created, await clientResponse.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        var grantResponse = await ownerB.SendAsync(HttpMethod.Post, "/api/support-grants", new { scope = "read", hours = 1 });
        Assert.True(grantResponse.StatusCode == HttpStatusCode.Created, await grantResponse.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        var clientB = await clientResponse.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        var grantB = await grantResponse.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        var (clientId, grantId) = (clientB.GetProperty("clientId").GetString(), grantB.GetProperty("id").GetString());

        var calls = new (HttpMethod Method, string Url, object? Body)[]
        {
            (HttpMethod.Get, $"/api/users/{userB.Id}", null),
            (HttpMethod.Put, $"/api/users/{userB.Id}/role", new { role = "admin" }),
            (HttpMethod.Post, $"/api/users/{userB.Id}/disable", new { }),
            (HttpMethod.Post, $"/api/users/{userB.Id}/enable", new { }),
            (HttpMethod.Delete, $"/api/users/{userB.Id}", null),
            (HttpMethod.Get, $"/api/api-clients/{clientId}", null),
            (HttpMethod.Delete, $"/api/api-clients/{clientId}", null),
            (HttpMethod.Get, $"/api/support-grants/{grantId}", null),
            (HttpMethod.Delete, $"/api/support-grants/{grantId}", null),
        };
        foreach (var (method, url, body) in calls)
        {
            var response = await ownerA.SendAsync(method, url, body);
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{method} {url}: {(int)response.StatusCode}");
        }

        // Nothing of B changed: the user is still an active operator, the client and the grant still live.
        var stillB = await ownerB.Client.GetFromJsonAsync<JsonElement>($"/api/users/{userB.Id}", TestContext.Current.CancellationToken);
        Assert.Equal("operator", stillB.GetProperty("role").GetString());
        Assert.Equal("active", stillB.GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.OK, (await ownerB.Client.GetAsync($"/api/api-clients/{clientId}", TestContext.Current.CancellationToken)).StatusCode);
        var grant = await ownerB.Client.GetFromJsonAsync<JsonElement>($"/api/support-grants/{grantId}", TestContext.Current.CancellationToken);
        // The host's JSON leaves nulls out: a live grant has no revokedAt.
        Assert.False(grant.TryGetProperty("revokedAt", out var revokedAt) && revokedAt.ValueKind != JsonValueKind.Null);

        // A session cookie of B's plane is worthless on A's plane: A's database has no such user.
        var userOfB = await b.CreateUserAsync(Roles.Owner);
        using var loginB = b.Browser();
        var login = await loginB.LoginAsync(userOfB.Email, Passwords.Default);
        var cookieB = login.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("failkit-session=", StringComparison.Ordinal)).Split(';')[0];
        using (var onB = b.Anonymous())
        using (var own = new HttpRequestMessage(HttpMethod.Get, "/api/users"))
        {
            own.Headers.Add("Cookie", cookieB);
            Assert.Equal(HttpStatusCode.OK, (await onB.SendAsync(own, TestContext.Current.CancellationToken)).StatusCode);
        }

        using var replay = a.Anonymous();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/users");
        request.Headers.Add("Cookie", cookieB);
        Assert.Equal(HttpStatusCode.Unauthorized, (await replay.SendAsync(request, TestContext.Current.CancellationToken)).StatusCode);
    }

    [Fact]
    public async Task InjectionStrings_InEveryFilter_NoErrorAndNoMoreRowsThanAHarmlessValue()
    {
        var plane = shared.Plane;
        using var owner = await plane.SignedInAsync(Roles.Owner);
        var auditor = await plane.CreateUserAsync(Roles.Auditor);
        var filters = new Func<string, string>[]
        {
            q => $"/api/users?email={q}", q => $"/api/users?role={q}", q => $"/api/users?status={q}", q => $"/api/users?limit={q}",
            q => $"/api/audit-events?kind={q}", q => $"/api/audit-events?actor={q}", q => $"/api/audit-events?before={q}", q => $"/api/audit-events?limit={q}",
            q => $"/api/audit?kind={q}", q => $"/api/audit?target={q}", q => $"/api/audit?from={q}", q => $"/api/audit?to={q}",
            q => $"/elsa/api/workflow-definitions?searchTerm={q}", q => $"/elsa/api/workflow-definitions?definitionIds={q}",
            q => $"/elsa/api/workflow-definitions?ids={q}", q => $"/elsa/api/workflow-definitions?orderBy={q}",
            q => $"/elsa/api/workflow-definitions?versionOptions={q}", q => $"/elsa/api/workflow-definitions?page={q}&pageSize={q}",
            q => $"/elsa/api/activity-executions/list?workflowInstanceId={q}&activityNodeId={q}",
            q => $"/elsa/api/activity-execution-summaries/list?workflowInstanceId={q}&activityNodeId={q}",
        };
        var bodies = new Func<string, object>[]
        {
            s => new { searchTerm = s }, s => new { definitionId = s }, s => new { correlationId = s }, s => new { status = s },
            s => new { subStatus = s }, s => new { definitionIds = new[] { s } }, s => new { statuses = new[] { s } }, s => new { orderDirection = s },
        };
        var failures = new List<string>();
        foreach (var filter in filters)
        {
            var baseline = await RowsAsync(owner.Client.GetAsync(filter("zzz-nothing"), TestContext.Current.CancellationToken));
            foreach (var s in Injections)
            {
                var rows = await RowsAsync(owner.Client.GetAsync(filter(Uri.EscapeDataString(s)), TestContext.Current.CancellationToken));
                if (rows.Status >= 500 || rows.Count > baseline.Count)
                {
                    failures.Add($"{filter(s)}: {rows.Status}, {rows.Count} rows (harmless value: {baseline.Count})");
                }
            }
        }

        foreach (var body in bodies)
        {
            var baseline = await RowsAsync(owner.SendAsync(HttpMethod.Post, "/elsa/api/workflow-instances", body("zzz-nothing")));
            foreach (var s in Injections)
            {
                var rows = await RowsAsync(owner.SendAsync(HttpMethod.Post, "/elsa/api/workflow-instances", body(s)));
                if (rows.Status >= 500 || rows.Count > baseline.Count)
                {
                    failures.Add($"POST /elsa/api/workflow-instances {JsonSerializer.Serialize(body(s))}: {rows.Status}, {rows.Count} rows");
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join('\n', failures));
        Assert.Equal(1L, await Db.ScalarAsync<long>(plane.Tenant.AppConnectionString, "SELECT count(*) FROM identity.users WHERE email_normalized = $1", Failkit.Identity.Users.User.Normalize(auditor.Email)));
    }

    [Fact]
    public async Task OversizedBodies_Are413Problems()
    {
        var plane = shared.Plane;
        using var owner = await plane.SignedInAsync(Roles.Owner);
        var big = new string('x', 200 * 1024);
        var json = await owner.SendAsync(HttpMethod.Post, "/api/users", new { email = "a@b.c", role = "operator", password = big });
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, json.StatusCode);
        Assert.Equal("application/problem+json", json.Content.Headers.ContentType?.MediaType);

        var form = await owner.SubmitAsync("/login", "/login", new Dictionary<string, string> { ["email"] = "a@b.c", ["password"] = big });
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, form.StatusCode);
        Assert.Equal("application/problem+json", form.Content.Headers.ContentType?.MediaType);

        using var client = plane.Anonymous();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/internal/support-sessions") { Content = new StringContent($"{{\"operator\":\"{big}\"}}", Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new("PlaneKey", TenantPlane.PlaneKey);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, (await client.SendAsync(request, TestContext.Current.CancellationToken)).StatusCode);

        var elsa = await owner.SendAsync(HttpMethod.Post, "/elsa/api/workflow-definitions", new { model = new { name = new string('x', 20 * 1024 * 1024) } });
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, elsa.StatusCode);
    }

    [Fact]
    public async Task CookieRequests_FromAnotherOriginOrWithoutOne_Are403_BearerNeedsNone()
    {
        var plane = shared.Plane;
        using var admin = await plane.SignedInAsync(Roles.Admin);
        var body = new { email = $"new-{Guid.NewGuid():N}@example.test", role = "auditor" };
        Assert.Equal(HttpStatusCode.Forbidden, (await admin.SendAsync(HttpMethod.Post, "/api/users", body, origin: "http://evil.example")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await admin.SendAsync(HttpMethod.Post, "/api/users", body, origin: null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await admin.SendAsync(HttpMethod.Post, "/elsa/api/workflow-definitions/x/execute", new { }, origin: "http://localhost.evil.example")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.SendAsync(HttpMethod.Get, "/api/users", origin: null)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await admin.SendAsync(HttpMethod.Post, "/api/users", body)).StatusCode);

        var (clientId, secret, _) = await Tokens.CreateClientAsync(plane, Roles.Admin);
        using var bearer = Tokens.Bearer(plane, await Tokens.AccessTokenAsync(plane, clientId, secret));
        var created = await bearer.PostAsJsonAsync("/api/users", new { email = $"other-{Guid.NewGuid():N}@example.test", role = "auditor" }, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
    }

    private static async Task<(int Status, int Count)> RowsAsync(Task<HttpResponseMessage> call)
    {
        var response = await call;
        var body = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, response.IsSuccessStatusCode ? Count(body) : 0);
    }

    /// <summary>Rows in a list answer: <c>items</c> (ours, Elsa's paged lists) or a top-level array.</summary>
    private static int Count(string body)
    {
        using var doc = JsonDocument.Parse(body);
        var root = doc.RootElement;
        return root.ValueKind switch
        {
            JsonValueKind.Array => root.GetArrayLength(),
            JsonValueKind.Object when root.TryGetProperty("items", out var items) && items.ValueKind == JsonValueKind.Array => items.GetArrayLength(),
            _ => 0,
        };
    }
}
