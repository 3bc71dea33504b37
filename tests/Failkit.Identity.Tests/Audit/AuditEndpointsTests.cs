using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Failkit.Evidence.Format;
using Failkit.Identity.Tests.Fixtures;
using Failkit.Tenancy.Audit;

namespace Failkit.Identity.Tests.Audit;

public sealed class AuditEndpointsTests(SharedPlane shared)
{
    [Fact]
    public async Task List_FiltersByKindPrefixActorTargetAndTime_NewestFirst()
    {
        var (prefix, written) = await WriteAsync(
            ("a.started", "user:x@example.test", "t1"), ("a.stopped", "user:y@example.test", "t1"), ("a.started", "user:x@example.test", "t2"),
            ("b.other", "user:x@example.test", "t1"), ("a.started", "user:y@example.test", "t2"));
        using var auditor = await shared.Plane.SignedInAsync(Roles.Auditor);

        Assert.Equal([written[4], written[2], written[1], written[0]], await SeqsAsync(auditor, $"kind={prefix}.a.*"));
        Assert.Equal([written[4], written[2], written[0]], await SeqsAsync(auditor, $"kind={prefix}.a.started"));
        Assert.Equal([written[2], written[0]], await SeqsAsync(auditor, $"kind={prefix}.a.started&actor=user:x@example.test"));
        Assert.Equal([written[3], written[1], written[0]], await SeqsAsync(auditor, $"kind={prefix}.*&target=t1"));

        var all = await PageAsync(auditor, $"kind={prefix}.*");
        var from = Uri.EscapeDataString(all.Items.Single(e => e.Seq == written[1]).At.ToString("O"));
        var to = Uri.EscapeDataString(all.Items.Single(e => e.Seq == written[3]).At.ToString("O"));
        Assert.Equal([written[2], written[1]], await SeqsAsync(auditor, $"kind={prefix}.*&from={from}&to={to}"));
    }

    [Fact]
    public async Task List_PagesBackwardsWithTheBeforeCursor_AndTheOldRouteAnswersTheSame()
    {
        var (prefix, written) = await WriteAsync([.. Enumerable.Range(0, 5).Select(i => ("page", "user:p@example.test", $"t{i}"))]);
        using var admin = await shared.Plane.SignedInAsync(Roles.Admin);
        var seen = new List<long>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var page = await PageAsync(admin, $"kind={prefix}.page&limit=2" + (cursor is null ? "" : $"&before={cursor}"));
            seen.AddRange(page.Items.Select(e => e.Seq));
            cursor = page.NextBefore?.ToString(System.Globalization.CultureInfo.InvariantCulture);
            pages++;
        }
        while (cursor is not null);

        Assert.Equal(written.AsEnumerable().Reverse(), seen);
        Assert.Equal(3, pages);
        var alias = await (await admin.SendAsync(HttpMethod.Get, $"/api/audit-events?kind={prefix}.page&limit=2")).Content.ReadFromJsonAsync<Page>(Json);
        Assert.Equal([written[4], written[3]], alias!.Items.Select(e => e.Seq));
    }

    [Theory]
    [InlineData("kind=Drill!", "kind")]
    [InlineData("kind=.*", "kind")]
    [InlineData("from=yesterday", "from")]
    [InlineData("from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z", "to")]
    [InlineData("before=-3", "before")]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=1001", "limit")]
    public async Task List_BadFilter_Is400KeyedByTheField(string query, string field)
    {
        using var owner = await shared.Plane.SignedInAsync(Roles.Owner);
        using var response = await owner.SendAsync(HttpMethod.Get, "/api/audit?" + query);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty(field, out _), await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Export_AsAuditor_IsJsonLinesOldestFirstThatPassTheChainRule_AuditsItself_AndAnEditedLineFails()
    {
        await WriteAsync(("export", "user:e@example.test", "t"));
        using var auditor = await shared.Plane.SignedInAsync(Roles.Auditor);
        using var operatorBrowser = await shared.Plane.SignedInAsync(Roles.Operator);
        Assert.Equal(HttpStatusCode.Forbidden, (await operatorBrowser.SendAsync(HttpMethod.Get, "/api/audit/export")).StatusCode);

        using var response = await auditor.SendAsync(HttpMethod.Get, "/api/audit/export");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/jsonl", response.Content.Headers.ContentType?.MediaType);
        var lines = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var records = lines.Select(AuditRecord.ParseLine).ToList();

        Assert.Equal(1L, records[0].Seq);
        Assert.Null(AuditChainRule.FirstBreak(records));
        var exported = records.Last(r => r.Kind == "audit.exported");
        Assert.StartsWith("user:auditor-", exported.Actor, StringComparison.Ordinal);
        Assert.Equal("127.0.0.1", exported.Source);

        var victim = records.Count / 2;
        var edited = lines.ToArray();
        edited[victim] = edited[victim].Replace("\"actor\":\"", "\"actor\":\"x", StringComparison.Ordinal);
        Assert.Equal(records[victim + 1].Seq, AuditChainRule.FirstBreak(edited.Select(AuditRecord.ParseLine))?.Seq);
        Assert.NotNull(AuditChainRule.FirstBreak(lines.Where((_, i) => i != victim).Select(AuditRecord.ParseLine)));
    }

    [Fact]
    public async Task Export_WithATimeRange_HoldsOnlyThatRange_AndABadBoundIs400()
    {
        var (_, written) = await WriteAsync(("range", "user:r@example.test", "t"), ("range", "user:r@example.test", "t"));
        using var admin = await shared.Plane.SignedInAsync(Roles.Admin);
        var rows = await AuditReading.AllAsync(shared.Plane.Tenant.AppConnectionString, "seq = ANY($1)", written);
        var from = Uri.EscapeDataString(rows[0].At);
        var to = Uri.EscapeDataString(EvidenceJson.Time(EvidenceJson.ParseTime(rows[1].At).AddTicks(10)));

        var text = await (await admin.SendAsync(HttpMethod.Get, $"/api/audit/export?from={from}&to={to}")).Content.ReadAsStringAsync();
        var records = text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(AuditRecord.ParseLine).ToList();
        Assert.Contains(records, r => r.Seq == written[0]);
        Assert.Contains(records, r => r.Seq == written[1]);
        Assert.All(records, r => Assert.InRange(EvidenceJson.ParseTime(r.At), EvidenceJson.ParseTime(rows[0].At), EvidenceJson.ParseTime(rows[1].At).AddTicks(10)));
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.SendAsync(HttpMethod.Get, "/api/audit/export?to=soon")).StatusCode);
    }

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private sealed record Event(long Seq, DateTimeOffset At, string Kind, string Actor, string? Target, string? Source, string? Before, string? After);

    private sealed record Page(List<Event> Items, long? NextBefore);

    private static async Task<Page> PageAsync(Browser browser, string query)
    {
        using var response = await browser.SendAsync(HttpMethod.Get, "/api/audit?" + query);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<Page>(Json))!;
    }

    private static async Task<long[]> SeqsAsync(Browser browser, string query) => [.. (await PageAsync(browser, query)).Items.Select(e => e.Seq)];

    /// <summary>Writes events whose kinds start with a fresh prefix; returns it and their numbers, oldest first.</summary>
    private async Task<(string Prefix, long[] Seqs)> WriteAsync(params (string Kind, string Actor, string Target)[] events)
    {
        var prefix = "t" + Guid.NewGuid().ToString("N")[..10];
        var audit = shared.Plane.Get<IAuditTrail>();
        foreach (var (kind, actor, target) in events)
        {
            await audit.WriteAsync(new AuditEntry($"{prefix}.{kind}", actor, target), TestContext.Current.CancellationToken);
        }

        var rows = await AuditReading.AllAsync(shared.Plane.Tenant.AppConnectionString, "starts_with(kind, $1)", prefix + ".");
        return (prefix, [.. rows.Select(r => r.Seq)]);
    }
}
